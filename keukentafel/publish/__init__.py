"""Stage 5, publish: swap checked sites into site/ atomically; never a half site.
"""
