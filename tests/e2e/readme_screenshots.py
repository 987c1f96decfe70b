"""
The README's screenshots, from what the browser tests saw.

The review-loop and API-docs browser tests save each step to
test-artifacts/e2e/<test>/; this copies the README's four into
docs/screenshots/ at 1280 pixels wide, as 256-colour PNGs (the admin's flat
colours survive it, at about a third of the size). ``make screenshots`` runs
the tests first.
"""

from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "e2e"
SCREENSHOTS = REPO / "docs" / "screenshots"
WIDTH = 1280
REVIEW_LOOP = "test_article_goes_from_draft_through_review_to_the_frontend"
API_DOCS = "test_delivery_and_editorial_api_docs_render_offline_under_the_policy"
# README file name: (test, screenshot the test saved).
README_SHOTS = {
    "writer-dashboard.png": (REVIEW_LOOP, "writer-dashboard.png"),
    "review-inbox.png": (REVIEW_LOOP, "review-inbox.png"),
    "review-diff.png": (REVIEW_LOOP, "review-diff.png"),
    "api-docs.png": (API_DOCS, "api-docs.png"),
}


def optimised(image):
    """``image`` at ``WIDTH`` pixels wide, in a 256-colour palette without dithering."""
    image = image.convert("RGB")
    if image.width != WIDTH:
        height = round(image.height * WIDTH / image.width)
        image = image.resize((WIDTH, height), Image.Resampling.LANCZOS)
    return image.quantize(
        colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )


def main():
    for name, (test, shot) in README_SHOTS.items():
        source = ARTIFACTS / test / shot
        if not source.exists():
            raise SystemExit(f"{source} is missing: run the browser test {test} first.")
        with Image.open(source) as image:
            optimised(image).save(SCREENSHOTS / name, optimize=True)
        print(f"docs/screenshots/{name} from {source.relative_to(REPO)}")


if __name__ == "__main__":
    main()
