"""mkdocs.yml's `hooks:` file: the catalogue's plugin (catalog/mkdocs_adapter.py) for plain `mkdocs build` and `serve`.

mkdocs loads hooks by file path with this folder on the import path, so `catalog` imports as a package.
"""

from catalog.mkdocs_adapter import CatalogPlugin

plugin = CatalogPlugin()
on_startup = plugin.on_startup
on_shutdown = plugin.on_shutdown
on_config = plugin.on_config
on_files = plugin.on_files
on_pre_page = plugin.on_pre_page
on_page_markdown = plugin.on_page_markdown
on_env = plugin.on_env
on_template_context = plugin.on_template_context
on_post_page = plugin.on_post_page
on_post_build = plugin.on_post_build
on_build_error = plugin.on_build_error
