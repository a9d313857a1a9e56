"""Imports every model so that metadata (and Alembic) knows every table."""
from .audit.models import AuditEntry  # noqa: F401
from .conference.models import ConferenceSetting, ReadinessTick, ScriptVersion  # noqa: F401
from .awards.models import Nomination, NominationWindow, RewardDecision  # noqa: F401
from .auth.models import LoginThrottle, User  # noqa: F401
from .duties.models import Assignment, Duty, DutyCooperator  # noqa: F401
from .plan.models import (AgendaItem, DelegateComposition, FundingSource, Plan,  # noqa: F401
                          Official, ProgramProject, RewardQuota, SpeechSlot, Unit)
from .notifications.models import Notification  # noqa: F401
from .budget.models import BudgetLine  # noqa: F401
from .synthesis.models import SynthesisDraft  # noqa: F401
from .uploads.models import StoredFile  # noqa: F401
from .delegates.models import Delegate, InvitationIssue  # noqa: F401
from .reports.models import Report, ReportVersion  # noqa: F401
from .issuing.models import (Paper, PaperRecipient, RegisterCounter,  # noqa: F401
                             RegisterEntry, SigningKey)
