from ninja import Schema


class TopicSchema(Schema):
    """A topic and how many live articles are filed under it."""

    name: str
    slug: str
    article_count: int
    api_url: str


class TopicListSchema(Schema):
    """Every topic with at least one live article, by name."""

    count: int
    results: list[TopicSchema]
