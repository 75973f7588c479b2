"""Analysis results in words: one language-free computation, worded per language.

Modules here take the plain values of ``dashboard.analysis`` and return the text the
pages, maps and exports show, in English or Azerbaijani. Nothing is chosen, summed or
escaped here: the builders that put text into HTML escape it.
"""
