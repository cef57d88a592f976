"""A numbered line over a plain paragraph heads a section when a sibling heads one (issue 17, study class 4).

六安's 通报: 一、各县区民生工程实施进度综合排名 stands over 第一名金寨县；第二名… and 二、部分项目进展情况
over 1、 2、 … items. find_headings sees 二 head its items, but 一 has no inner number after it,
so it was read as an item whose paragraph continues it. Lines of one level under one parent are
of one kind: when a sibling heads a section, a short numbered line over a plain paragraph (no
number, no role) heads one too, and read_prose keeps its paragraph as a note. Where no sibling
heads (一、新建学校 over 投资500万元，…; 二、修建道路 over …), such lines stay the items they are.
"""

from collections.abc import Iterable

from imports.shape.prose.levels import Paragraph, _heading_like


def sibling_headings(paragraphs: list[Paragraph], headings: list[bool]) -> list[bool]:
    """`headings`, with the numbered lines over plain paragraphs whose siblings head sections."""
    candidates = [index for index in range(len(paragraphs) - 1) if _over_a_paragraph(paragraphs, headings, index)]
    if not candidates:
        return headings
    before = _sibling_heads(paragraphs, headings, range(len(paragraphs)))
    after = _sibling_heads(paragraphs, headings, range(len(paragraphs) - 1, -1, -1))
    result = list(headings)
    for index in candidates:
        result[index] = before[index] or after[index]
    return result


def _over_a_paragraph(paragraphs: list[Paragraph], headings: list[bool], index: int) -> bool:
    paragraph, below = paragraphs[index], paragraphs[index + 1]
    return (paragraph.marker is not None and not headings[index] and not paragraph.has_role
            and _heading_like(paragraph.text)
            and below.marker is None and not headings[index + 1] and not below.has_role)


def _sibling_heads(paragraphs: list[Paragraph], headings: list[bool], order: Iterable[int]) -> list[bool]:
    """For each numbered line, whether a line of its level under the same parent, met earlier in
    `order`, heads a section. A line of an outer level closes the inner levels' run of siblings."""
    heads: dict[int, bool] = {}  # rank -> a sibling at that rank heads, in the open run
    found = [False] * len(paragraphs)
    for index in order:
        marker = paragraphs[index].marker
        if marker is None:
            if headings[index]:
                heads.clear()  # 教育方面 without a number: a new part of the list
            continue
        for rank in [rank for rank in heads if rank > marker.rank]:
            del heads[rank]
        found[index] = heads.get(marker.rank, False)
        heads[marker.rank] = found[index] or headings[index]
    return found
