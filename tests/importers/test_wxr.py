from collections import Counter

import pytest

from blog.importers.wxr import WXRError, WXRReader

from .conftest import THEME_EXPORT, export, item


def test_reader_streams_every_item_of_the_theme_unit_test_export():
    reader = WXRReader(THEME_EXPORT)
    kinds = Counter(entry.post_type for entry in reader.items())
    assert kinds == {"post": 58, "page": 21, "attachment": 37, "nav_menu_item": 70}
    assert reader.header.wxr_version == "1.2"
    assert reader.header.base_blog_url == "https://wpthemetestdata.wordpress.com"
    assert [a.login for a in reader.header.authors] == ["themedemos", "themereviewteam"]
    assert reader.header.authors[1].display_name == "Theme Reviewer"


def test_reader_keeps_post_fields_terms_meta_and_comments():
    posts = {i.wp_id: i for i in WXRReader(THEME_EXPORT).items()}
    comments_post = posts[1148]
    assert comments_post.title == "Template: Comments"
    assert comments_post.slug == "template-comments"
    assert comments_post.date.isoformat() == "2012-01-03T17:11:37+00:00"
    assert len(comments_post.comments) == 20
    assert posts[1011].thumbnail_id == 1022
    assert posts[1168].password == "enter"
    assert ("post_tag", "template") in {(t.domain, t.slug) for t in posts[1148].terms}


def test_malformed_xml_error_names_the_line(tmp_path):
    path = tmp_path / "broken.xml"
    lines = export(item(1, title="First"), item(2, title="Second")).splitlines()
    broken = next(n for n, line in enumerate(lines, 1) if "Second" in line)
    lines[broken - 1] = lines[broken - 1].replace("</title>", "</titel>")
    path.write_text("\n".join(lines))
    with pytest.raises(WXRError) as error:
        list(WXRReader(path).items())
    assert error.value.line == broken
    assert str(error.value).startswith(f"line {broken}: the file is not well-formed")


def test_entity_declarations_are_refused(tmp_path):
    path = tmp_path / "laughs.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;">]>\n<rss><channel><title>&lol2;</title>'
        "</channel></rss>"
    )
    with pytest.raises(WXRError, match="entities"):
        list(WXRReader(path).items())


def test_a_file_that_is_not_a_wordpress_export_is_refused(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text("<rss><channel><item><title>x</title></item></channel></rss>")
    with pytest.raises(WXRError, match="not a WordPress export"):
        list(WXRReader(path).items())


def test_wxr_1_1_namespaces_are_read_like_1_2(tmp_path):
    path = tmp_path / "old.xml"
    text = export(item(5, title="Old export")).replace(
        "http://wordpress.org/export/1.2/", "http://wordpress.org/export/1.1/"
    )
    path.write_text(text.replace("<wp:wxr_version>1.2", "<wp:wxr_version>1.1"))
    reader = WXRReader(path)
    (entry,) = reader.items()
    assert (entry.wp_id, entry.title, entry.post_type) == (5, "Old export", "post")
    assert reader.header.wxr_version == "1.1"
