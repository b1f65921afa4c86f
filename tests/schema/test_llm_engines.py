"""Structured-output engines compile the LLM answer schema and can produce the answer of every bundled document.

The engines come with the ``llm`` extra (``pip install -e '.[llm]'``) plus xgrammar without its
dependencies (``pip install --no-deps xgrammar``: its own requirements pull torch and transformers);
``scripts/test.sh`` installs both. A test whose engine is not installed is skipped, saying how to
install it. "Can produce" is checked the way each engine allows without a model: llguidance and
xgrammar match the answer's bytes or characters, outlines-core builds the regular expression it
decodes with, and lm-format-enforcer is fed the answer one character at a time.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from eventgold.corpus import split_path
from eventgold.schema import Document, llm_json_schema, read_documents, to_llm_answer

BUNDLED = [doc for split in ("train", "dev", "test") for doc in read_documents(split_path(split))]
SCHEMA = llm_json_schema()
SCHEMA_TEXT = json.dumps(SCHEMA)
INSTALL = "pip install -e '.[llm]' && pip install --no-deps xgrammar"


def answer_text(doc: Document) -> str:
    """The answer as a system prints it with Python's json module (spaces after ',' and ':', UTF-8 kept)."""
    return json.dumps(to_llm_answer(doc), ensure_ascii=False)


ANSWERS = {doc.id: answer_text(doc) for doc in BUNDLED}
#: The same answers with every non-ASCII character escaped (\\uXXXX), as lm-format-enforcer lets a model write
#: them: its default alphabet for string contents is printable ASCII.
ASCII_ANSWERS = {doc.id: json.dumps(to_llm_answer(doc)) for doc in BUNDLED}


def _broken(change: str) -> str:
    answer = to_llm_answer(next(d for d in BUNDLED if d.events and d.casualties))
    if change == "unknown type":
        answer["events"][0]["type"] = "bombing"
    elif change == "id too long":
        answer["events"][0]["id"] = "e" * 25
    elif change == "missing field":
        del answer["events"][0]["modality"]
    elif change == "extra field":
        answer["events"][0]["confidence"] = 0.5
    elif change == "bad country":
        answer["casualties"][0]["victim"]["nationality"] = "Iraq"
    return json.dumps(answer)


NOT_ANSWERS = {change: _broken(change) for change in
               ("unknown type", "id too long", "missing field", "extra field", "bad country")}


def needs(module: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(importlib.util.find_spec(module) is None,
                              reason=f"{module} is not installed (the 'llm' extra: {INSTALL})")


# --------------------------------------------------------------------------- llguidance


class _ByteTokenizer:
    """A tokenizer whose tokens are the 256 bytes plus an end-of-sequence token, so a matcher sees every byte."""

    eos_token_id = 256
    bos_token_id = None
    tokens = [bytes([b]) for b in range(256)] + [b"\xff<eos>"]
    special_token_ids = [256]

    def __call__(self, text: bytes | str) -> list[int]:
        return list(text if isinstance(text, bytes) else text.encode("utf-8"))


@pytest.fixture(scope="module")
def llguidance_accepts() -> Any:
    import llguidance

    tokenizer = llguidance.LLTokenizer(llguidance.TokenizerWrapper(_ByteTokenizer()))
    grammar = llguidance.LLMatcher.grammar_from_json_schema(SCHEMA_TEXT)
    assert llguidance.LLMatcher.validate_grammar(grammar, tokenizer) == ""

    def accepts(text: str) -> bool:
        matcher = llguidance.LLMatcher(tokenizer, grammar, log_level=0)
        return bool(matcher.consume_tokens(list(text.encode("utf-8")))) and matcher.is_accepting()

    return accepts


@needs("llguidance")
def test_llguidance_produces_every_answer(llguidance_accepts: Any) -> None:
    assert [i for i, text in ANSWERS.items() if not llguidance_accepts(text)] == []


@needs("llguidance")
def test_llguidance_refuses_what_is_no_answer(llguidance_accepts: Any) -> None:
    assert [change for change, text in NOT_ANSWERS.items() if llguidance_accepts(text)] == []


# --------------------------------------------------------------------------- outlines-core


@pytest.fixture(scope="module")
def outlines_regex() -> re.Pattern[str]:
    from outlines_core.json_schema import build_regex_from_schema

    return re.compile(build_regex_from_schema(SCHEMA_TEXT))


@needs("outlines_core")
def test_outlines_core_produces_every_answer(outlines_regex: re.Pattern[str]) -> None:
    assert [i for i, text in ANSWERS.items() if not outlines_regex.fullmatch(text)] == []
    compact = {d.id: json.dumps(to_llm_answer(d), ensure_ascii=False, separators=(",", ":")) for d in BUNDLED[:20]}
    assert [i for i, text in compact.items() if not outlines_regex.fullmatch(text)] == []


@needs("outlines_core")
def test_outlines_core_refuses_what_is_no_answer(outlines_regex: re.Pattern[str]) -> None:
    assert [change for change, text in NOT_ANSWERS.items() if outlines_regex.fullmatch(text)] == []


# --------------------------------------------------------------------------- lm-format-enforcer

#: lm-format-enforcer's defaults are narrower than JSON: arrays the schema leaves unbounded stop at 20 items
#: (``max_json_array_length``, environment variable LMFE_MAX_JSON_ARRAY_LENGTH), and string contents come
#: from an alphabet of letters, digits and most ASCII punctuation (``alphabet``, LMFE_DEFAULT_ALPHABET):
#: other characters can only be written as \\u escapes, and '|', '~' and '\\' (as text) not at all.
LMFE_DEFAULT_ARRAY_LIMIT = 20


def lmfe_accepts(text: str, *, defaults: bool = False) -> bool:
    from lmformatenforcer import CharacterLevelParserConfig, JsonSchemaParser

    config = CharacterLevelParserConfig()
    if not defaults:
        config.max_json_array_length = 1000
        config.alphabet = "".join(sorted(set(config.alphabet) | {c for a in ANSWERS.values() for c in a}))
    parser: Any = JsonSchemaParser(SCHEMA, config)
    for char in text:
        if char not in parser.get_allowed_characters():
            return False
        parser = parser.add_character(char)
    return bool(parser.can_end())


def _longest_list(node: Any) -> int:
    if isinstance(node, dict):
        return max((_longest_list(v) for v in node.values()), default=0)
    if isinstance(node, list):
        return max([len(node), *(_longest_list(v) for v in node)])
    return 0


@needs("lmformatenforcer")
@pytest.mark.slow
def test_lm_format_enforcer_produces_every_answer() -> None:
    """With a longer array limit and an alphabet that has the report's characters."""
    assert [i for i, text in ANSWERS.items() if not lmfe_accepts(text)] == []


@needs("lmformatenforcer")
def test_lm_format_enforcer_refuses_what_is_no_answer() -> None:
    assert [change for change, text in NOT_ANSWERS.items() if lmfe_accepts(text)] == []


@needs("lmformatenforcer")
def test_lm_format_enforcer_defaults_stop_long_lists_and_other_characters() -> None:
    from lmformatenforcer import CharacterLevelParserConfig

    assert CharacterLevelParserConfig().max_json_array_length == LMFE_DEFAULT_ARRAY_LIMIT
    docs = {d.id: d for d in BUNDLED}
    plain = next(i for i, text in ASCII_ANSWERS.items()
                 if text == ANSWERS[i] and _longest_list(to_llm_answer(docs[i])) <= LMFE_DEFAULT_ARRAY_LIMIT)
    assert lmfe_accepts(ANSWERS[plain], defaults=True)
    long = next(i for i in ANSWERS if _longest_list(to_llm_answer(docs[i])) > LMFE_DEFAULT_ARRAY_LIMIT)
    assert not lmfe_accepts(ANSWERS[long], defaults=True) and lmfe_accepts(ANSWERS[long])
    accented = next(i for i, text in ANSWERS.items() if not text.isascii() and "|" not in text
                    and _longest_list(to_llm_answer(docs[i])) <= LMFE_DEFAULT_ARRAY_LIMIT)
    assert not lmfe_accepts(ANSWERS[accented], defaults=True) and lmfe_accepts(ASCII_ANSWERS[accented], defaults=True)
    bar = next(i for i, text in ANSWERS.items() if "|" in text)
    assert not lmfe_accepts(ASCII_ANSWERS[bar], defaults=True) and lmfe_accepts(ANSWERS[bar])


# --------------------------------------------------------------------------- xgrammar


@pytest.fixture(scope="module")
def xgrammar_results() -> dict[str, Any]:
    """xgrammar's verdicts on every answer and non-answer, computed once in a child process (see xgrammar_check.py)."""
    texts = list(ANSWERS.values()) + list(NOT_ANSWERS.values())
    script = Path(__file__).with_name("xgrammar_check.py")
    run = subprocess.run([sys.executable, str(script)], input=json.dumps({"schema": SCHEMA, "answers": texts}),
                         capture_output=True, text=True, encoding="utf-8", timeout=600, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    result: dict[str, Any] = json.loads(run.stdout)
    assert "error" not in result, result.get("error")
    verdicts = dict(zip([*ANSWERS, *NOT_ANSWERS], result["accepted"], strict=True))
    return verdicts


@needs("xgrammar")
@needs("tvm_ffi")
def test_xgrammar_produces_every_answer(xgrammar_results: dict[str, bool]) -> None:
    assert [i for i in ANSWERS if not xgrammar_results[i]] == []


@needs("xgrammar")
@needs("tvm_ffi")
def test_xgrammar_refuses_what_is_no_answer(xgrammar_results: dict[str, bool]) -> None:
    assert [change for change in NOT_ANSWERS if xgrammar_results[change]] == []


# --------------------------------------------------------------------------- llama.cpp

LLAMA_CPP_MISSING = ("llama_cpp is not installed: llama.cpp's JSON-schema-to-grammar converter comes with "
                     "llama-cpp-python, which PyPI ships as source only, and building it takes about 40 minutes "
                     "on a 2-core machine, too long for a test dependency (docs/llm.md)")


def _llama_cpp_converter() -> Any:
    try:
        from llama_cpp.llama_grammar import json_schema_to_gbnf
    except ImportError:  # the module missing, or its native library
        return None
    return json_schema_to_gbnf


@needs("llguidance")
@pytest.mark.skipif(importlib.util.find_spec("llama_cpp") is None, reason=LLAMA_CPP_MISSING)
def test_llama_cpp_converter_grammar_produces_every_answer() -> None:
    """llama.cpp's converter turns the schema into GBNF; llguidance's GBNF reader then matches every answer.

    llama.cpp's own matcher needs a model's vocabulary, so the grammar is run by llguidance here: this
    checks the converter and the grammar it writes, not llama.cpp's sampler.
    """
    import llguidance
    from llguidance.gbnf_to_lark import gbnf_to_lark

    convert = _llama_cpp_converter()
    assert convert is not None, "llama_cpp is installed but llama_cpp.llama_grammar does not import"
    grammar = llguidance.LLMatcher.grammar_from_lark(gbnf_to_lark(convert(SCHEMA_TEXT)))
    tokenizer = llguidance.LLTokenizer(llguidance.TokenizerWrapper(_ByteTokenizer()))
    assert llguidance.LLMatcher.validate_grammar(grammar, tokenizer) == ""

    def accepts(text: str) -> bool:
        matcher = llguidance.LLMatcher(tokenizer, grammar, log_level=0)
        return bool(matcher.consume_tokens(list(text.encode("utf-8")))) and matcher.is_accepting()

    assert [i for i, text in ANSWERS.items() if not accepts(text)] == []
    assert [change for change, text in NOT_ANSWERS.items() if accepts(text)] == []
