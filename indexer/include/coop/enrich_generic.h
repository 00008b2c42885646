// Style-independent enrichment (issue 15) of the records no specific segmenter claims
// (Record::style == "text"): facets from the places the text names, years in context.
// Called by Enricher::Enrich; public for its tests.
#ifndef COOP_ENRICH_GENERIC_H_
#define COOP_ENRICH_GENERIC_H_

#include <string_view>
#include <vector>

#include "coop/corpus.h"
#include "coop/reference_data.h"

namespace coop {

/// Years of acts a French text states in context, in first-seen order, one entry each: a year
/// 1950..2039 written as four digits after a cue of time ("en 2008", "depuis 2012", "dès 2015",
/// "le 12 mars 2016", "(2017-2021)", "entre 2009 et 2012", "de 2009 à 2012", "année 2010").
/// Never a year inside a longer number or amount ("2 130 km", "2092 m", "18 000"), after "©",
/// "page", "p." or "d'ici", nor followed by a unit (m, km, habitants, €, euros, dirhams, Dhs).
/// Pure; thread-safe.
std::vector<int> YearsInContext(std::string_view text);

/// Adds to `r` the years of its title and passages (YearsInContext), sorted, and notes "pattern"
/// as the source of "years" in Record::sources. Only adds. Pure; thread-safe.
void AddYearsInContext(Record& r);

/// Adds to `r` the cities, provinces, regions (both divisions), foreign regions and countries of
/// the places of its mentions (Record::mentions, found by Enricher::Mentions) and notes
/// "gazetteer" as their source. Only adds. Called by Enricher::Enrich for a document record
/// without partners (no manifest entry or sidecar gives them, or minutes whose partners come from
/// their text): it lists several partnerships, whose places are its facets (issue 15).
/// Thread-safe.
void AddPlacesOfMentions(const ReferenceData& data, Record& r);

/// Adds place `p` to `r`'s place facets: a town as a city, a Moroccan place's province and both
/// region divisions, a foreign place's regions as foreign regions, and its country. Never
/// removes. The one place both the Enricher and the generic enrichment map a place to facets.
void AddPlaceFacets(const Place& p, Record& r);

}  // namespace coop

#endif  // COOP_ENRICH_GENERIC_H_
