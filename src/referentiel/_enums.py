"""The closed vocabularies of the model: origins, provenance, methods, levels, dimensions, links."""

from __future__ import annotations

import enum

__all__ = [
    "Dimension",
    "GoalKind",
    "Level",
    "LinkKind",
    "Method",
    "Origin",
    "Side",
    "Status",
    "TensionKind",
]


class Origin(enum.Enum):
    """Where a contradiction comes from (*origine* in the customer-relations paper).

    >>> Origin("situation")
    <Origin.SITUATION: 'situation'>
    """

    #: *intrinsèque à l'organisation*: the contradiction is built into how the work is organised.
    ORGANISATION = "organisation"
    #: *liée aux situations professionnelles*: it comes from the situations met and their evolution.
    SITUATION = "situation"


class Status(enum.Enum):
    """How an element is known: the *provenance* status every element of a framework carries.

    >>> [s.value for s in Status]
    ['attested', 'reconstructed', 'illustrative']
    """

    #: Named as such in a source.
    ATTESTED = "attested"
    #: Derived from a source's text; the justification quotes the passage.
    RECONSTRUCTED = "reconstructed"
    #: Made up to illustrate the structure; the justification says why.
    ILLUSTRATIVE = "illustrative"


class Method(enum.Enum):
    """How a source was produced (the *méthode* of the work analysis).

    >>> Method("autoconfrontation-croisee").name
    'AUTOCONFRONTATION_CROISEE'
    """

    #: *instruction au sosie* (IS): a professional instructs a "double" who will replace them.
    INSTRUCTION_AU_SOSIE = "instruction-au-sosie"
    #: *autoconfrontation simple*: a professional comments on a video of their own work.
    AUTOCONFRONTATION_SIMPLE = "autoconfrontation-simple"
    #: *autoconfrontation croisée*: two professionals comment on each other's work.
    AUTOCONFRONTATION_CROISEE = "autoconfrontation-croisee"
    #: *débriefing*: a collective discussion after an interview.
    DEBRIEFING = "debriefing"
    #: *réunion*: a meeting (with managers, a steering group ...).
    MEETING = "meeting"
    #: *documentation*: the organisation's documents (procedures, guides ...).
    DOCUMENTATION = "documentation"
    #: *observation* of the work.
    OBSERVATION = "observation"
    #: A published text (article, thesis) the framework draws on.
    PUBLICATION = "publication"
    #: Anything else; say what in the source's citation.
    OTHER = "other"


class Level(enum.Enum):
    """Engeström's *niveaux de contradiction*.

    >>> Level.SECONDARY.value
    'secondary'
    """

    #: *primaire*: within one component of the activity.
    PRIMARY = "primary"
    #: *secondaire*: between components.
    SECONDARY = "secondary"
    #: *tertiaire*: with a more advanced form of the activity.
    TERTIARY = "tertiary"
    #: *quaternaire*: with neighbouring activities.
    QUATERNARY = "quaternary"


class Dimension(enum.Enum):
    """Clot's *dimensions du métier*, which a pole may be placed in.

    >>> Dimension("transpersonal")
    <Dimension.TRANSPERSONAL: 'transpersonal'>
    """

    #: *impersonnelle*: the task as prescribed (instituted).
    IMPERSONAL = "impersonal"
    #: *transpersonnelle*: the trade's history and genre (instituted).
    TRANSPERSONAL = "transpersonal"
    #: *interpersonnelle*: the dialogue between professionals (instituting).
    INTERPERSONAL = "interpersonal"
    #: *personnelle*: the subject's own activity (instituting).
    PERSONAL = "personal"


class Side(enum.Enum):
    """Which pole of its tension an excerpt of evidence supports.

    >>> Side("real") is Side.REAL
    True
    """

    #: The prescribed pole of a contradiction (*travail prescrit*).
    PRESCRIBED = "prescribed"
    #: The real pole of a contradiction (*travail réel*).
    REAL = "real"
    #: The first pole of a dilemma.
    FIRST = "first"
    #: The second pole of a dilemma.
    SECOND = "second"
    #: Both poles: the tension as a whole.
    BOTH = "both"


class LinkKind(enum.Enum):
    """The typed relations a :class:`~referentiel.Link` draws between two tensions.

    >>> LinkKind("derives-from")
    <LinkKind.DERIVES_FROM: 'derives-from'>
    """

    #: Living one tension makes the other sharper.
    REINFORCES = "reinforces"
    #: Answering one tension works against answering the other.
    CONFLICTS_WITH = "conflicts-with"
    #: The source tension is a consequence or a special case of the target.
    DERIVES_FROM = "derives-from"
    #: The two tensions are alike (useful across trades).
    RESEMBLES = "resembles"
    #: The source cannot be had without the target: a necessary condition (an evaporating
    #: cloud's "in order to have A, we must have B").
    REQUIRES = "requires"

    @property
    def symmetric(self) -> bool:
        """Whether the relation reads the same both ways (drawn with no direction).

        >>> LinkKind.CONFLICTS_WITH.symmetric, LinkKind.REQUIRES.symmetric
        (True, False)
        """
        return self in (LinkKind.CONFLICTS_WITH, LinkKind.RESEMBLES)


class GoalKind(enum.Enum):
    """What a goal is to the tensions that serve it (an evaporating cloud's boxes).

    >>> GoalKind("need")
    <GoalKind.NEED: 'need'>
    """

    #: The common objective both sides of a conflict serve (the cloud's A).
    OBJECTIVE = "objective"
    #: A need one side of a conflict serves (the cloud's B and C).
    NEED = "need"


class TensionKind(enum.Enum):
    """The two kinds of tension a framework lists; the ``kind`` key of each file entry.

    >>> [k.value for k in TensionKind]
    ['contradiction', 'dilemma']
    """

    CONTRADICTION = "contradiction"
    DILEMMA = "dilemma"
