"""Schemas for the editorial endpoints the v3 API lacks: workflow, inbox, locks, diffs, history."""

from datetime import datetime
from typing import Any

from ninja import Field, Schema


class PersonSchema(Schema):
    id: int
    name: str


class TaskStateSchema(Schema):
    id: int
    task: str
    status: str
    revision_id: int
    started_at: datetime
    finished_at: datetime | None = None
    finished_by: PersonSchema | None = None
    comment: str = ""


class WorkflowStateSchema(Schema):
    page_id: int
    page_status: str
    workflow: str | None = None
    status: str | None = None
    current_task: str | None = None
    requested_by: PersonSchema | None = None
    submitted_at: datetime | None = None
    latest_comment: str = ""
    tasks: list[TaskStateSchema] = []
    actions: list[str] = []


class CommentInputSchema(Schema):
    comment: str = ""


class RejectInputSchema(Schema):
    comment: str


class InboxItemSchema(Schema):
    task_state_id: int
    page_id: int
    title: str
    locale: str = Field(
        description="The page's edition (language code), e.g. en-gb or ar."
    )
    page_type: str
    task: str
    submitted_by: PersonSchema | None = None
    submitted_at: datetime
    age_seconds: int
    revision_id: int


class LockSchema(Schema):
    page_id: int
    locked: bool
    locked_by: PersonSchema | None = None
    locked_at: datetime | None = None
    lock: dict[str, Any] | None = None


class FieldChangeSchema(Schema):
    field: str
    before: Any = None
    after: Any = None


class RevisionDiffSchema(Schema):
    page_id: int
    from_revision_id: int
    to_revision_id: int
    changes: list[FieldChangeSchema]


class HistoryEntrySchema(Schema):
    id: int
    action: str
    label: str
    timestamp: datetime
    user: PersonSchema | None = None
    revision_id: int | None = None
    comment: str = ""


class DraftSavedSchema(Schema):
    page_id: int
    revision_id: int
    title: str
    warnings: list[Any] = []


class PreviewTokenSchema(Schema):
    token: str
    content_type: str
    expires_in_seconds: int
    preview_url: str | None = None
