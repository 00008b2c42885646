// DefaultLexicon(): the lexicon generated at build time by tools/lexicon_gen.cpp.
#include "coop/lexicon.h"

namespace coop::lexicon_data {
extern const char kBlob[];
extern const std::size_t kBlobSize;
extern const std::uint32_t kBlocks[];
extern const std::size_t kBlockCount;
extern const std::size_t kWordCount;
}  // namespace coop::lexicon_data

namespace coop {

const Lexicon& DefaultLexicon() {
  namespace data = lexicon_data;
  static const Lexicon lexicon(std::string_view(data::kBlob, data::kBlobSize), data::kBlocks,
                               data::kBlockCount, data::kWordCount);
  return lexicon;
}

}  // namespace coop
