// The `field:value` filters of the query language: one per facet of the schema.
#ifndef COOP_SEARCHD_FACET_FIELDS_H_
#define COOP_SEARCHD_FACET_FIELDS_H_

#include "coop/query_parser.h"
#include "coop/schema.h"

namespace coop {

/// Field name -> term prefix of every schema::kFacets facet: `city:Agadir` in a query filters
/// like the facet parameter of the same name. Built once; thread-safe.
inline const FieldPrefixes& FacetFields() {
  static const FieldPrefixes fields = [] {
    FieldPrefixes f;
    for (const schema::Facet& facet : schema::kFacets) f.emplace(facet.name, facet.prefix);
    return f;
  }();
  return fields;
}

}  // namespace coop

#endif  // COOP_SEARCHD_FACET_FIELDS_H_
