"""HTML or plain text to clean article text plus metadata; never fetches anything."""

from services.cleaning.article import CleanedArticle
from services.cleaning.from_html import clean_html
from services.cleaning.from_text import clean_text
from services.cleaning.language import detect_language, unsupported_language_reason
from services.cleaning.validation import InputRejected, check_text_payload, read_input_file

__all__ = [
    "CleanedArticle",
    "InputRejected",
    "check_text_payload",
    "clean_html",
    "clean_text",
    "detect_language",
    "read_input_file",
    "unsupported_language_reason",
]
