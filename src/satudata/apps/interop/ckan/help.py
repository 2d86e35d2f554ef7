"""What `help_show` answers for each action, and the `help` address of every answer."""

from django.utils.translation import gettext_lazy as _

HELP = {
    "package_list": _(
        "Return the names of the published datasets you may see, sorted. Parameters: limit, offset."
    ),
    "package_search": _(
        "Search the datasets. Parameters: q (free text, also name:, organization:, tags:, "
        "groups:, res_format:), fq (field:value terms, (a OR b) groups, metadata_modified "
        "ranges), rows (at most 1000), start, sort (score desc, metadata_modified desc, "
        "title_string asc, name asc, views_recent desc), facet.field (a JSON list), "
        "facet.limit, include_private. Returns count, results, facets and search_facets."
    ),
    "package_show": _("Return one dataset by name or id, with its resources and SDI extras."),
    "current_package_list_with_resources": _(
        "Return the open datasets, most recently changed first, with their resources. "
        "Parameters: limit, offset."
    ),
    "organization_list": _(
        "Return the organisations (produsen data). Parameters: all_fields, sort (name, title "
        "or package_count; asc or desc), limit, offset, organizations, q."
    ),
    "organization_show": _(
        "Return one organisation by name or id; include_datasets=true adds its datasets."
    ),
    "group_list": _(
        "Return the topics as groups. Parameters: all_fields, sort, limit, offset, groups, q."
    ),
    "group_show": _("Return one topic by name or id; include_datasets=true adds its datasets."),
    "tag_list": _(
        "Return the tags of the datasets you may see. Parameters: query (a prefix), "
        "all_fields, limit, offset."
    ),
    "resource_show": _("Return one resource (a data file or an attachment) by id."),
    "datastore_search": _(
        "Search the rows of a data resource. Parameters: resource_id, filters (a JSON object "
        "of column values), q (text, or a JSON object of column texts), fields, sort "
        '("column asc, other desc"), limit (at most 32000), offset, include_total, '
        "records_format (objects, lists, csv or tsv)."
    ),
    "status_show": _("Return the site's name, address, CKAN API version and extensions."),
    "site_read": _("Return true: the site can be read."),
    "help_show": _("Return the help text of an action. Parameter: name."),
}
