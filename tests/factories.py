"""
factory-boy factories for the newsroom's models.

Pages are created the way Wagtail creates them, under a parent with
``add_child``, and published through a revision unless ``live=False``.
"""

import io

import factory
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.rich_text import RichText

from blog.models import ArticleAuthor, ArticleCorrection, ArticlePage, AuthorPage
from cms.images.models import NewsImage

TEST_PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@staff.example")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)
        if create:
            self.save()


def jpeg_bytes(size=(640, 360), colour=(90, 120, 160)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsImage

    title = factory.Sequence(lambda n: f"Photo {n}")
    alt_text = "A test photograph"
    caption = "A caption"
    credit = "Agency / Photographer"
    file = factory.LazyFunction(
        lambda: ImageFile(io.BytesIO(jpeg_bytes()), name="photo.jpg")
    )


class PageFactory(factory.Factory):
    """
    Build a page in memory, attach it under ``parent`` and publish it unless
    ``live=False``. ``owner`` is the account that saved the first revision.
    """

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")

    @classmethod
    def _create(cls, model_class, *args, parent, live=True, owner=None, **kwargs):
        relations = cls._pop_relations(kwargs)
        page = model_class(*args, live=live, owner=owner, **kwargs)
        cls._attach_relations(page, **relations)
        parent.add_child(instance=page)
        revision = page.save_revision(user=owner)
        if live:
            revision.publish()
            page.refresh_from_db()
        return page

    @classmethod
    def _pop_relations(cls, kwargs):
        return {}

    @classmethod
    def _attach_relations(cls, page, **relations):
        pass


class AuthorPageFactory(PageFactory):
    class Meta:
        model = AuthorPage

    title = factory.Faker("name")
    role = "Reporter"
    short_bio = "Reports on the region."
    bio = "<p>Reports on the region for the newsroom.</p>"


def paragraphs(*texts):
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


class ArticlePageFactory(PageFactory):
    """
    An article; pass ``authors=[...]`` (AuthorPages), ``topics=[...]``
    (names) and ``corrections=[...]`` (dicts of ``ArticleCorrection`` fields).
    """

    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Article {n}")
    standfirst = "What happened, in a sentence."
    body = factory.LazyFunction(
        lambda: paragraphs("First paragraph.", "Second paragraph.")
    )

    @classmethod
    def _pop_relations(cls, kwargs):
        return {
            "authors": kwargs.pop("authors", ()),
            "topics": kwargs.pop("topics", ()),
            "corrections": kwargs.pop("corrections", ()),
        }

    @classmethod
    def _attach_relations(cls, page, *, authors, topics, corrections):
        page.article_authors = [
            ArticleAuthor(author=author, sort_order=position)
            for position, author in enumerate(authors)
        ]
        page.corrections = [ArticleCorrection(**entry) for entry in corrections]
        if topics:
            page.topics.add(*topics)
