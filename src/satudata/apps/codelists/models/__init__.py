from satudata.apps.codelists.models.codes import Code, CodeList, CodeListVersion, ImmutableVersion
from satudata.apps.codelists.models.registers import Register, RegisterEntry

__all__ = [
    "Code",
    "CodeList",
    "CodeListVersion",
    "ImmutableVersion",
    "Register",
    "RegisterEntry",
]
