"""A small newsroom where the right answer to each search is known."""

import datetime

import pytest

from tests.factories import ArticlePageFactory, AuthorPageFactory, paragraphs


def when(day):
    return datetime.datetime(2025, 3, day, 12, tzinfo=datetime.UTC)


@pytest.fixture
def corpus(newsroom, rebuild):
    """
    Articles written so that one of them is the right answer to each query:
    a headline against a body mention, a standfirst against a body mention,
    a phrase against the same words scattered, an author's surname.
    """
    sofia = AuthorPageFactory(
        parent=newsroom.authors,
        title="Sofia Nawab",
        slug="sofia-nawab",
        role="Feature writer",
        short_bio="Covers Syria and the Gulf.",
    )
    karim = AuthorPageFactory(
        parent=newsroom.authors,
        title="Karim Haddad",
        slug="karim-haddad",
        role="Correspondent",
        short_bio="Reports from Beirut.",
    )
    pages = {
        "sofia": sofia,
        "karim": karim,
        "drought_title": ArticlePageFactory(
            parent=newsroom.news,
            title="Drought grips the Euphrates valley",
            standfirst="Farmers leave their fields.",
            body=paragraphs("Wells have run dry across the province this spring."),
            authors=[karim],
            topics=["Syria"],
            display_date=when(1),
        ),
        "drought_body": ArticlePageFactory(
            parent=newsroom.news,
            title="Wheat prices climb again",
            standfirst="Bakers pass the cost on to customers.",
            body=paragraphs(
                "Traders blame the long drought and the weak currency for the rise "
                "in prices that has hit every market in the capital."
            ),
            authors=[karim],
            topics=["Economy"],
            display_date=when(2),
        ),
        "ceasefire_standfirst": ArticlePageFactory(
            parent=newsroom.news,
            title="Talks resume in Geneva",
            standfirst="A ceasefire is on the table for the first time in a year.",
            body=paragraphs("Delegations arrived on Monday."),
            authors=[sofia],
            topics=["Syria", "Diplomacy"],
            display_date=when(3),
        ),
        "ceasefire_body": ArticlePageFactory(
            parent=newsroom.news,
            title="Aid convoys wait at the river",
            standfirst="Trucks have queued for a week.",
            body=paragraphs(
                "Drivers say the last ceasefire broke down within hours, and "
                "nobody expects the next one to hold."
            ),
            authors=[karim],
            topics=["Iraq"],
            display_date=when(4),
        ),
        "phrase": ArticlePageFactory(
            parent=newsroom.news,
            title="A new route for trade",
            standfirst="Lorries return to the north.",
            body=paragraphs("The border crossing at Bab al-Hawa reopened on Sunday."),
            authors=[karim],
            topics=["Trade"],
            display_date=when(5),
        ),
        "scattered": ArticlePageFactory(
            parent=newsroom.news,
            title="Checkpoints multiply",
            standfirst="Travel slows to a crawl.",
            body=paragraphs(
                "Along the border the army has set up posts; crossing "
                "the desert now takes two days."
            ),
            authors=[karim],
            topics=["Iraq"],
            display_date=when(6),
        ),
        "election": ArticlePageFactory(
            parent=newsroom.news,
            title="Parliament sets a date",
            standfirst="The vote will be held in the autumn.",
            body=paragraphs("The election commission asked for more observers."),
            authors=[sofia],
            topics=["Iraq"],
            display_date=when(7),
        ),
        "damascus": ArticlePageFactory(
            parent=newsroom.news,
            title="Gulf States Weigh the Cost of Normalisation with Damascus",
            standfirst="Old rivals talk again.",
            body=paragraphs("Envoys have travelled quietly for months."),
            authors=[sofia],
            topics=["Syria", "UAE"],
            display_date=when(8),
        ),
        "haddad_body": ArticlePageFactory(
            parent=newsroom.news,
            title="A family business survives the war",
            standfirst="Three generations keep the shop open.",
            body=paragraphs("The Haddad bakery has fed the street since 1952."),
            authors=[sofia],
            topics=["Syria"],
            display_date=when(9),
        ),
    }
    # Live from the start, as if each had been published and committed.
    rebuild()
    return pages
