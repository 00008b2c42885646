// Reading the project's line-oriented data files (stopwords, variants): one entry per line,
// '#' starts a comment, surrounding whitespace is ignored, blank lines are skipped.
#ifndef COOP_TEXT_DATA_H_
#define COOP_TEXT_DATA_H_

#include <string>
#include <string_view>
#include <vector>

namespace coop {

/// Returns the non-empty, comment-stripped, trimmed lines of `data` (UTF-8, any line ending).
/// Pure function; thread-safe; never throws except std::bad_alloc.
std::vector<std::string> DataLines(std::string_view data);

}  // namespace coop

#endif  // COOP_TEXT_DATA_H_
