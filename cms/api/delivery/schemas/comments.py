from typing import Literal

from ninja import Field, Schema


class ThreadedCommentSchema(Schema):
    """
    An approved reader comment with its approved replies nested under it.
    The commenter's e-mail and address are never included.
    """

    id: int
    parent_id: int | None
    name: str
    website: str
    body: str
    created_at: str
    replies: list["ThreadedCommentSchema"]


ThreadedCommentSchema.model_rebuild()


class CommentListSchema(Schema):
    """
    A page of an article's comment threads, oldest first. ``count`` counts
    the top-level comments that ``limit`` and ``offset`` page through;
    ``comment_count`` counts every approved comment, replies included.
    """

    count: int
    comment_count: int
    next: str | None
    previous: str | None
    results: list[ThreadedCommentSchema]


class CommentInputSchema(Schema):
    """A reader's comment on an article, or a reply to an approved comment on it."""

    name: str = Field(..., max_length=100, description="Shown with the comment.")
    email: str = Field(
        ..., max_length=254, description="Kept by the newsroom; never published."
    )
    body: str = Field(..., description="Plain text, at most 5000 characters.")
    website: str = Field("", max_length=200)
    parent_id: int | None = Field(
        None, description="Reply to this approved comment of the same article."
    )
    website_confirm: str = Field(
        "",
        description=(
            "Honeypot: render it as a hidden input and send it as it is, empty. "
            "Comments that fill it in are filed as spam."
        ),
    )


class CommentAcceptedSchema(Schema):
    """The receipt for a posted comment: it waits for an editor's approval."""

    id: int
    article_id: int
    parent_id: int | None
    status: Literal["pending"]
    detail: str
