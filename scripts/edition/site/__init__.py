"""Stage 7, site: what turns pages into a site — assets, search index, addresses, the content
security policy, permalinks, fixes to the theme's output."""
