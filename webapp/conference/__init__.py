"""The conference (plan §II, §III, §VI.4, §VI.6): agenda, speakers, the meeting script and its
versions, the programme, and the readiness checklist. Delegates live in webapp.delegates."""
