"""
The newsroom's content model: articles, author bios, their indexes, topics,
reader comments, and the records of WordPress imports.
"""

from .articles import ArticleAuthor, ArticlePage, ArticleTopic, Topic, TopicName
from .authors import AuthorLink, AuthorPage
from .comments import ReaderComment
from .corrections import ArticleCorrection, CorrectionKind
from .imports import WordPressRecord
from .indexes import ArticleIndexPage, AuthorIndexPage
from .review import EditorApprovalTask
from .standard import StandardPage

__all__ = [
    "ArticleAuthor",
    "ArticleCorrection",
    "ArticleIndexPage",
    "ArticlePage",
    "ArticleTopic",
    "AuthorIndexPage",
    "AuthorLink",
    "AuthorPage",
    "CorrectionKind",
    "EditorApprovalTask",
    "ReaderComment",
    "StandardPage",
    "Topic",
    "TopicName",
    "WordPressRecord",
]
