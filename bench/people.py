"""
The newsroom's roles and the benchmark's own accounts, shared by the
in-process benchmarks (``bench.admin``, ``bench.publish``).

Imports are inside the functions: the scripts set Django up before calling.
"""


def newsroom_groups():
    """The writers', editors' and administrators' groups, with the review workflow."""
    from blog.editorial import (
        EDITORS,
        ensure_review_workflow,
        ensure_roles,
        newsroom_sections,
    )
    from home.models import HomePage

    home = HomePage.objects.first()
    groups = ensure_roles(home)
    ensure_review_workflow(groups[EDITORS], newsroom_sections(home))
    return groups


def bench_user(username, email, group=None, **defaults):
    """The account ``username``, made once; a new account joins ``group``."""
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": email, **defaults}
    )
    if created and group is not None:
        user.groups.add(group)
    return user
