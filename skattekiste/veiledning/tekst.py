"""A page's text as blocks: headings, paragraphs, lists and quotes, from a few line marks.

Redaksjon writes plain text in the admin; these marks are all there is to learn. The blocks
are rendered by the template with autoescaping, so no text ever becomes HTML.
"""

from dataclasses import dataclass, field

from skattekiste.felles.text import slugify_norwegian

TEKST_HJELP = (
    "Avsnitt skilles med en tom linje. «## » først på linjen gir en mellomtittel, "
    "«### » en mindre tittel, «● » et punkt i en liste, «+ » det som fungerte og «➔ » "
    "et forbehold. Et sitat er et avsnitt der siste linje begynner med «— » og sier hvem "
    "som sa det."
)
SUBHEADING, HEADING, BULLET, PLUS, CAVEAT, SPEAKER = "### ", "## ", "● ", "+ ", "➔", "— "
LIST_MARKS = {BULLET: "punkter", PLUS: "pluss"}


@dataclass
class Block:
    # "overskrift", "underoverskrift", "avsnitt", "punkter", "pluss", "forbehold" or "sitat"
    kind: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    speaker: str = ""
    anchor: str = ""


def blocks(tekst: str) -> list[Block]:
    """The text's blocks in order; a blank line ends a paragraph or a list."""
    result = []
    for chunk in tekst.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if lines:
            result.extend(_chunk_blocks(lines))
    return result


def _chunk_blocks(lines: list[str]) -> list[Block]:
    out: list[Block] = []
    if len(lines) > 1 and lines[-1].startswith(SPEAKER):
        quote = " ".join(lines[:-1])
        return [Block("sitat", text=quote, speaker=lines[-1].removeprefix(SPEAKER).strip())]
    for line in lines:
        if line.startswith(SUBHEADING):
            out.append(Block("underoverskrift", text=line.removeprefix(SUBHEADING).strip()))
        elif line.startswith(HEADING):
            title = line.removeprefix(HEADING).strip()
            out.append(Block("overskrift", text=title, anchor=slugify_norwegian(title)))
        elif line.startswith(CAVEAT):
            out.append(Block("forbehold", text=line.removeprefix(CAVEAT).strip()))
        elif mark := next((m for m in LIST_MARKS if line.startswith(m)), None):
            kind = LIST_MARKS[mark]
            if not out or out[-1].kind != kind:
                out.append(Block(kind))
            out[-1].items.append(line.removeprefix(mark).strip())
        elif out and out[-1].kind in ("avsnitt", "forbehold"):
            out[-1].text += " " + line  # a paragraph written over several lines
        elif out and out[-1].kind in LIST_MARKS.values():
            out[-1].items[-1] += " " + line  # a long list item wrapped by hand
        else:
            out.append(Block("avsnitt", text=line))
    return out


def plain_texts(tekst: str) -> list[str]:
    """Every piece of the text without its marks (what the report must hold word for word)."""
    pieces = []
    for block in blocks(tekst):
        pieces.extend([block.text, *block.items, block.speaker])
    return [piece for piece in pieces if piece]
