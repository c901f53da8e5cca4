"""Commands that answer a service's questions: coverage, gaps, recommend, compare, checklist,
migrate. Each asks the analysis, renders its answer in the chosen --format (a table of
formats in crosswalk.analysis.report_text) and prints it or writes it to --out."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from crosswalk import outputs, vocab
from crosswalk.cli.console import emit
from crosswalk.cli.options import (
    DATA_OPTIONS,
    FRAMEWORK,
    MODEL,
    OUT_FILE,
    RATING,
    SETTING,
    TO,
    UNDER,
    Option,
    data_folder,
    output_format,
    protected,
)
from crosswalk.cli.registry import Command

if TYPE_CHECKING:
    from crosswalk.analysis.coverage import Coverage, Index

# The analysis and networkx are imported only by the command that answers.
FORMATS = vocab.ANSWER_FORMATS


def _index(args: argparse.Namespace) -> Index:
    from crosswalk import pipeline
    from crosswalk.analysis.coverage import Index

    root, label = data_folder(args)
    if args.out is not None:
        outputs.check_file(args.out, protected(root))
    return Index(pipeline.load_clean(root, label, args.base_iri).corpus)


def _models(args: argparse.Namespace, index: Index, framework: str) -> list[str]:
    """The --model ids, each once, sorted; unknown ids (or framework) are a usage error."""
    models = sorted(set(args.model or []))
    index.check_ids(framework, models)
    return models


def _coverage(args: argparse.Namespace, index: Index, models: list[str]) -> Coverage:
    cov = index.coverage(args.framework, models, args.rating)
    return cov.under(f"{args.framework}:{args.under}") if args.under else cov


def cmd_coverage(args: argparse.Namespace) -> int:
    from crosswalk.analysis import report_data, report_text
    from crosswalk.analysis.coverage import setting_warnings

    index = _index(args)
    models = _models(args, index, args.framework)
    warnings = setting_warnings(index.corpus, models, args.setting)
    data = report_data.coverage_data(index.corpus, _coverage(args, index, models), warnings)
    text = report_text.render(
        data,
        args.format,
        report_text.coverage_rows,
        report_text.coverage_table,
        title=f"Coverage of {args.framework}",
    )
    return emit(text, args.out)


def cmd_gaps(args: argparse.Namespace) -> int:
    from crosswalk.analysis import report_data, report_text
    from crosswalk.analysis.coverage import setting_warnings

    index = _index(args)
    models = _models(args, index, args.framework)
    warnings = setting_warnings(index.corpus, models, args.setting)
    data = report_data.gaps_data(index.corpus, _coverage(args, index, models), warnings)
    text = report_text.render(data, args.format, report_text.gaps_rows, title="Gaps")
    return emit(text, args.out)


def cmd_recommend(args: argparse.Namespace) -> int:
    from crosswalk.analysis import report_data, report_text
    from crosswalk.analysis.coverage import setting_warnings
    from crosswalk.analysis.recommend import recommend_for

    index = _index(args)
    models = _models(args, index, args.framework)
    warnings = setting_warnings(index.corpus, models, args.setting)
    rec = recommend_for(index, index.coverage(args.framework, models, args.rating))
    data = report_data.recommend_data(index.corpus, rec, warnings)
    text = report_text.render(
        data,
        args.format,
        report_text.recommend_rows,
        report_text.recommend_table,
        title="Models that close the gaps",
    )
    return emit(text, args.out)


def cmd_compare(args: argparse.Namespace) -> int:
    from crosswalk.analysis import report_data, report_text
    from crosswalk.analysis.compare import compare

    index = _index(args)
    models = _models(args, index, args.framework)
    rows = compare(index, args.framework, args.to, models or None)
    data = report_data.compare_data(index.corpus, args.framework, args.to, rows)
    text = report_text.render(
        data,
        args.format,
        report_text.compare_rows,
        report_text.compare_table,
        title=f"{args.framework} -> {args.to}",
    )
    return emit(text, args.out)


def cmd_checklist(args: argparse.Namespace) -> int:
    from crosswalk.analysis import report_data, report_text
    from crosswalk.analysis.checklist import checklist

    index = _index(args)
    models = _models(args, index, args.framework)
    rows = checklist(index, args.framework, models, args.rating)
    data = report_data.checklist_data(index.corpus, args.framework, models, rows, args.rating)
    text = report_text.render(
        data, args.format, report_text.checklist_rows, markdown=report_text.checklist_markdown
    )
    return emit(text, args.out)


def cmd_migrate(args: argparse.Namespace) -> int:
    from crosswalk.analysis import report_migrate, report_text
    from crosswalk.analysis.migrate import migrate

    index = _index(args)
    models = _models(args, index, args.to)
    data = report_migrate.migrate_data(
        index.corpus, migrate(index, args.framework, args.to, models)
    )
    text = report_text.render(
        data,
        args.format,
        report_migrate.migrate_rows,
        report_migrate.migrate_table,
        markdown=report_migrate.migrate_markdown,
    )
    return emit(text, args.out)


def asked(model: Option = MODEL, framework: Option = FRAMEWORK) -> tuple[Option, ...]:
    """What every question takes: the data, the models, the framework, how to answer."""
    answer_format = output_format(FORMATS, "table")
    return (*DATA_OPTIONS, model, framework, answer_format, SETTING, OUT_FILE)


COMMANDS = (
    Command(
        "coverage",
        help="how far a set of models covers a framework",
        description="For every criterion, the best support the chosen models give: "
        "strong, partial or weak (direct), inferred (only through a "
        "principle) or gap, with every supporting path.",
        options=(*asked(), UNDER, RATING),
        run=cmd_coverage,
    ),
    Command(
        "gaps",
        help="the criteria a set of models leaves open, and why",
        description="Criteria with no support, only inferred support or only weak "
        "direct support, each with its reason.",
        options=(*asked(), UNDER, RATING),
        run=cmd_gaps,
    ),
    Command(
        "recommend",
        help="which other models would close the gaps",
        description="For each gap, the other models' elements with a strong or "
        "partial direct link to it; then the greedy set cover: the "
        "fewest extra models closing the most gaps, step by step.",
        options=(*asked(), RATING),
        run=cmd_recommend,
    ),
    Command(
        "compare",
        help="related criteria of another framework (crosswalk)",
        description="For each criterion of --framework, the related criteria of "
        "--to, through explicit criterion links and through shared "
        "principles. --model limits shared principles to those the "
        "models embody.",
        options=(
            *asked(model=MODEL.but(required=False)),
            TO.but(help="the framework to compare with"),
        ),
        run=cmd_compare,
    ),
    Command(
        "checklist",
        help="the evidence to gather, by criterion and kind",
        description="Every evidence item the chosen models' elements supply for "
        "the framework, grouped by criterion and evidence kind, each "
        "listed once. --format markdown gives a printable checklist.",
        options=(*asked(), RATING),
        run=cmd_checklist,
    ),
    Command(
        "migrate",
        help="what of a model set's evidence carries over to a new framework",
        description="For the chosen models: which evidence items for --framework (the old "
        "framework) carry over to which criteria of --to (the new one), through explicit "
        "criterion alignments only, and how safely; which new criteria have no predecessor; "
        "which old criteria have no successor. E.g. --from cqc-saf-2024 --to cqc-asc-2026.",
        options=(
            *asked(
                framework=FRAMEWORK.but(
                    "--from", help="the framework the evidence was gathered for"
                )
            ),
            TO.but(help="the new framework"),
        ),
        run=cmd_migrate,
    ),
)
