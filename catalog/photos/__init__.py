"""Photos: owners' photos turned into small, private, responsive images, cached by content.

Pure Pillow, no renderer, in the order a photo goes through:
- `formats`: the value types (Format, Preset with CARD and FULL, Request, Output, Rendition);
- `engine`: one photo (checks with the owner's message, decode, sRGB, crop, resize, encode, placeholder, names);
- `store`: the photo cache `<data>/.cache/foto/` on `catalog.cache`, and its prune;
- `work`: `process` for any presets: one job per missing source file on a pool of worker processes;
- `publish`: `publish` for the catalogue's pages (cards and full views), and the files the site links.
"""
