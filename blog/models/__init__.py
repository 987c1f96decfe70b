"""The newsroom's content model: articles, author bios, their indexes, topics and reader comments."""

from .articles import ArticleAuthor, ArticlePage, ArticleTopic, Topic
from .authors import AuthorLink, AuthorPage
from .comments import ReaderComment
from .indexes import ArticleIndexPage, AuthorIndexPage
from .seo import SeoFields

__all__ = [
    "ArticleAuthor",
    "ArticleIndexPage",
    "ArticlePage",
    "ArticleTopic",
    "AuthorIndexPage",
    "AuthorLink",
    "AuthorPage",
    "ReaderComment",
    "SeoFields",
    "Topic",
]
