"""Image uploads in the editor: bad files are refused with a clear message and nothing is stored."""

import io
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from cms.images.models import NewsImage
from tests.factories import TEST_PASSWORD, jpeg_bytes

pytestmark = pytest.mark.django_db


def upload(client, user, name, content, content_type="image/jpeg"):
    client.login(username=user.username, password=TEST_PASSWORD)
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Upload",
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": "1",
            "alt_text": "",
            "caption": "",
            "credit": "",
            "tags": "",
        },
    )


def file_errors(response):
    return " ".join(response.context["form"].errors.get("file", []))


def test_writer_uploads_a_photo_with_caption_and_credit(writer, client):
    client.login(username=writer.username, password=TEST_PASSWORD)
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Aleppo souk",
            "file": SimpleUploadedFile(
                "souk.jpg", jpeg_bytes(), content_type="image/jpeg"
            ),
            "collection": "1",
            "alt_text": "Shoppers in a covered market",
            "caption": "The souk reopened on Tuesday.",
            "credit": "Reuters",
            "tags": "",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    image = NewsImage.objects.get()
    assert (image.caption, image.credit, image.default_alt_text) == (
        "The souk reopened on Tuesday.",
        "Reuters",
        "Shoppers in a covered market",
    )


def test_broken_image_is_refused_and_nothing_is_saved(writer, client):
    response = upload(
        client, writer, "broken.jpg", b"\xff\xd8\xff this is not really a jpeg"
    )
    assert response.status_code == HTTPStatus.OK
    assert "corrupted image" in file_errors(response)
    assert not NewsImage.objects.exists()


def test_file_that_lies_about_its_type_is_refused(writer, client):
    response = upload(
        client,
        writer,
        "photo.jpg",
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
    )
    assert response.status_code == HTTPStatus.OK
    assert file_errors(response)
    assert not NewsImage.objects.exists()


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1024)
def test_oversized_image_is_refused_with_a_clear_message(writer, client):
    big = jpeg_bytes(size=(800, 800))
    assert len(big) > 1024
    response = upload(client, writer, "big.jpg", big)
    assert response.status_code == HTTPStatus.OK
    assert "too big" in file_errors(response)
    assert not NewsImage.objects.exists()


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=100 * 100)
def test_image_with_too_many_pixels_is_refused(writer, client):
    buffer = io.BytesIO()
    Image.new("RGB", (400, 400), "white").save(buffer, "PNG")
    response = upload(client, writer, "huge.png", buffer.getvalue(), "image/png")
    assert response.status_code == HTTPStatus.OK
    assert "too many pixels" in file_errors(response)
    assert not NewsImage.objects.exists()
