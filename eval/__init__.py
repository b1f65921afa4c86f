"""eventgold.eval: score event extractors (and annotators) against gold documents.

The scorer is pure functions over counts that add (:class:`Counts`): one
optimal one-to-one matcher (:func:`match`) serves every level; each document
gives counts, the corpus sums them, and every score, interval and comparison
is computed from the sums. Reporters render the typed results. SciPy,
scikit-learn and matplotlib are imported only when first needed, so importing
a submodule (the baseline, say) stays quick.

>>> from eventgold.schema import Document
>>> gold = Document.model_validate({"id": "d1", "published": "2024-03-02", "text": "Shelling hit Kharkiv.",
...     "events": [{"id": "e1", "type": "shelling_missile_attack",
...                 "triggers": [{"start": 0, "end": 8, "text": "Shelling"}]}]})
>>> pred = Document.model_validate({"id": "d1", "published": "2024-03-02", "text": "Shelling hit Kharkiv.",
...     "events": [{"id": "p1", "type": "air_drone_strike", "triggers": [{"text": "Shelling"}]}]})
>>> corpus = score_documents([gold], {"d1": pred})
>>> report = build_report(corpus, Settings(resamples=10))
>>> report.row("events", "identification").f1, report.row("events", "classification").f1
(1.0, 0.0)
"""

from .agreement import (
    AgreementReport,
    AttributeAgreement,
    agreement,
    agreement_from_scores,
    attribute_agreement,
    cohen_kappa,
    krippendorff_alpha,
)
from .alignment import EVENT_SIMILARITY, DocumentAlignment, align_document, event_similarity
from .bootstrap import Difference, Interval, bootstrap_intervals, paired_bootstrap, resample_weights
from .counts import ALL, PRF, Counts, Graded, Key, check_zero_division
from .document import DocumentScore, ScoringOptions, empty_prediction, score_document
from .findings import Finding, ItemRef
from .matching import Alignment, Pair, match
from .mentions import SCHEMES, Span, collect_spans, score_spans
from .metrics import HEADLINES, TABLES, TableSpec
from .render import FORMATS, render
from .report import (
    FORMAT_VERSION,
    ComparisonReport,
    Confusion,
    HeadlineScore,
    Row,
    ScoreReport,
    Settings,
    build_report,
    compare,
    compare_scores,
    counts_from_json,
    counts_to_json,
    evaluate,
)
from .scoring import CorpusScore, PredictionIndex, score_documents, score_files

__all__ = [
    "ALL", "EVENT_SIMILARITY", "FORMATS", "FORMAT_VERSION", "HEADLINES", "PRF", "SCHEMES", "TABLES",
    "AgreementReport", "Alignment", "AttributeAgreement", "ComparisonReport", "Confusion", "CorpusScore", "Counts",
    "Difference", "DocumentAlignment", "DocumentScore", "Finding", "Graded", "HeadlineScore", "Interval", "ItemRef",
    "Key", "Pair", "PredictionIndex", "Row", "ScoreReport", "ScoringOptions", "Settings", "Span", "TableSpec",
    "agreement", "agreement_from_scores", "align_document", "attribute_agreement", "bootstrap_intervals",
    "build_report", "check_zero_division", "cohen_kappa", "collect_spans", "compare", "compare_scores",
    "counts_from_json", "counts_to_json", "empty_prediction", "evaluate", "event_similarity", "krippendorff_alpha",
    "match", "paired_bootstrap", "render", "resample_weights", "score_document", "score_documents", "score_files",
    "score_spans",
]
