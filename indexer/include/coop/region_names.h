// The region names a searcher expands in queries, taken from the gazetteer at index time and
// written into the index (coop/index_metadata.h, kRegionNamesKey), so that searchd needs no
// reference data of its own.
#ifndef COOP_REGION_NAMES_H_
#define COOP_REGION_NAMES_H_

#include <vector>

#include "coop/analyzer.h"
#include "coop/index_metadata.h"
#include "coop/reference_data.h"

namespace coop {

/// The region names of `data` (gazetteer types "région" and "communauté autonome" that are
/// matched in text, with their variants), each analysed by `analyzer` (compound terms left out)
/// and paired with the region facet term of its canonical name. A record is tagged with its
/// regions before and after the 2015 (Morocco) and 2016 (France) reforms, so both generations
/// of names are listed. Not thread-safe with `analyzer`.
std::vector<PlaceName> RegionNames(const ReferenceData& data, Analyzer& analyzer);

}  // namespace coop

#endif  // COOP_REGION_NAMES_H_
