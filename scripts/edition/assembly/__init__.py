"""Stage 8, assembly: the edition loaded once (`load_edition(settings)`) and the site built from it
(`SiteBuild`), for the MkDocs adapter, the tests and the command-line tools alike."""
