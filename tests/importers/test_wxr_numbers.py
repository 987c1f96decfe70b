"""Numbers in an export that only look like numbers do not stop the reader."""

from blog.importers.wxr import WXRReader

from .conftest import export, item


def test_post_id_in_superscript_digits_reads_as_no_id_instead_of_crashing(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(export(item(1)).replace("<wp:post_id>1<", "<wp:post_id>²<"))

    (entry,) = WXRReader(str(path)).items()

    assert entry.wp_id == 0
