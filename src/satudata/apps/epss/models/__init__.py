from satudata.apps.epss.models.assessments import Assessment, Evidence, Score
from satudata.apps.epss.models.years import AssessmentYear, Weight

__all__ = ["Assessment", "AssessmentYear", "Evidence", "Score", "Weight"]
