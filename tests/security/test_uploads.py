"""
Hostile image uploads are refused with a clear message and leave nothing behind.

Each bad file goes through every way an image gets in: the admin's upload
form, its multiple-upload view, and the Editorial API's images endpoint. A
refusal must name the problem, and neither an image row nor a file in
MEDIA_ROOT may remain.
"""

import io
import struct
import zlib
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from wagtail.models import APIToken, UploadedFile

from cms.api.editorial.models import TokenPolicy
from cms.images.models import NewsImage
from tests.factories import TEST_PASSWORD, jpeg_bytes
from tests.module_db import build_newsroom, rolled_back

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def writer(django_db_setup, django_db_blocker):
    """A writer (who may add images), built once for the module."""
    with rolled_back(django_db_blocker):
        yield build_newsroom().people.writer


def png_bytes(size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("L", size).save(buffer, "PNG")
    return buffer.getvalue()


def png_claiming(width, height):
    """
    A tiny PNG whose header claims ``width`` x ``height``: a decompression
    bomb's calling card, since decoding would allocate for every claimed pixel.
    """
    data = bytearray(png_bytes())
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = header[4:]
    data[29:33] = struct.pack(">I", zlib.crc32(header) & 0xFFFFFFFF)
    return bytes(data)


SVG_WITH_SCRIPT = (
    b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'>"
    b"<script>alert(document.cookie)</script></svg>"
)

# name, file name, content, settings to apply, words the refusal must contain
BAD_UPLOADS = [
    ("larger than the upload limit", "big.jpg", jpeg_bytes(), {"WAGTAILIMAGES_MAX_UPLOAD_SIZE": 1000}, "too big"),
    ("more pixels than allowed", "wide.jpg", jpeg_bytes(), {"WAGTAILIMAGES_MAX_IMAGE_PIXELS": 10_000}, "too many pixels"),
    ("decompression bomb", "bomb.png", png_claiming(60_000, 60_000), {}, "too many pixels"),
    ("html calling itself a jpeg", "photo.jpg", b"<html><body><script>alert(1)</script></body></html>", {}, "not a valid .jpeg image"),
    ("svg with a script", "logo.svg", SVG_WITH_SCRIPT, {}, "not a supported image format"),
    ("svg calling itself a png", "logo.png", SVG_WITH_SCRIPT, {}, "not a valid .png image"),
    ("png calling itself a jpeg", "photo.jpg", png_bytes(), {}, "not a valid .jpeg image"),
    ("truncated jpeg", "cut.jpg", jpeg_bytes()[:300], {}, "corrupted image"),
    ("jpeg carrying a script", "polyglot.jpg", jpeg_bytes() + b"<script>alert(1)</script>", {}, "markup"),
]  # fmt: skip


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()}


def via_admin_form(user, name, content):
    client = Client()
    client.login(username=user.username, password=TEST_PASSWORD)
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Upload",
            "file": SimpleUploadedFile(name, content),
            "collection": "1",
            "tags": "",
        },
    )
    assert response.status_code == HTTPStatus.OK
    return " ".join(response.context["form"].errors["file"])


def via_multiple_upload(user, name, content):
    client = Client()
    client.login(username=user.username, password=TEST_PASSWORD)
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content), "collection": "1"},
    )
    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["success"] is False
    return body["error_message"]


def via_editorial_api(user, name, content):
    token, plaintext = APIToken.create_token(user=user, name="uploads")
    TokenPolicy.objects.create(token=token, scope="write")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    response = client.post(
        "/api/editorial/images/",
        {"file": SimpleUploadedFile(name, content), "title": "Upload"},
    )
    assert response.status_code in {HTTPStatus.BAD_REQUEST, 422}, response.content
    assert response["Content-Type"] == "application/problem+json"
    return str(response.json())


ROUTES = [via_admin_form, via_multiple_upload, via_editorial_api]


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.__name__)
@pytest.mark.parametrize(
    ("name", "content", "limits", "message"),
    [case[1:] for case in BAD_UPLOADS],
    ids=[case[0] for case in BAD_UPLOADS],
)
def test_bad_upload_is_refused_with_a_clear_message_and_nothing_stored(
    route, name, content, limits, message, writer, settings, db
):
    for setting, value in limits.items():
        setattr(settings, setting, value)
    before = media_files()

    refusal = route(writer, name, content)

    assert message in refusal.lower()
    assert not NewsImage.objects.exists()
    assert not UploadedFile.objects.exists()
    assert media_files() == before


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.__name__)
def test_a_real_photo_still_gets_through(route, writer, db):
    """The refusals above are about the files, not the routes: a good photo is stored."""
    if route is via_admin_form:
        client = Client()
        client.login(username=writer.username, password=TEST_PASSWORD)
        response = client.post(
            reverse("wagtailimages:add"),
            {
                "title": "Souk",
                "file": SimpleUploadedFile("souk.jpg", jpeg_bytes()),
                "collection": "1",
                "tags": "",
            },
        )
        assert response.status_code == HTTPStatus.FOUND
    elif route is via_multiple_upload:
        client = Client()
        client.login(username=writer.username, password=TEST_PASSWORD)
        response = client.post(
            reverse("wagtailimages:add_multiple"),
            {
                "files[]": SimpleUploadedFile("souk.jpg", jpeg_bytes()),
                "collection": "1",
            },
        )
        assert response.json()["success"] is True
    else:
        token, plaintext = APIToken.create_token(user=writer, name="uploads")
        TokenPolicy.objects.create(token=token, scope="write")
        response = Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}").post(
            "/api/editorial/images/",
            {"file": SimpleUploadedFile("souk.jpg", jpeg_bytes()), "title": "Souk"},
        )
        assert response.status_code == HTTPStatus.CREATED, response.content

    assert NewsImage.objects.count() == 1
