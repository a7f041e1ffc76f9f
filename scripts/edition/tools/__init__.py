"""Command-line tools around the build: the safe build (`python -m edition.tools.safebuild`) and
releases (`python -m edition.tools.release`)."""
