#include "coop/lexicon.h"

#include <algorithm>
#include <stdexcept>

namespace coop {
namespace {

constexpr std::size_t kMaxPrefix = 200;  // keeps '0' + prefix inside one byte

LexiconEntry DecodeFlags(char f) {
  const int v = static_cast<unsigned char>(f) - 'A';
  return LexiconEntry{(v & 1) != 0, static_cast<std::uint8_t>(v >> 1)};
}

// Reads the entry at `pos`, rebuilding its word in `word` (which holds the previous word).
// Returns the offset of the next entry.
std::size_t ReadEntry(std::string_view blob, std::size_t pos, std::string& word, char& flags) {
  const std::size_t prefix = static_cast<unsigned char>(blob[pos]) - '0';
  flags = blob[pos + 1];
  const std::size_t eol = blob.find('\n', pos + 2);
  word.resize(std::min(prefix, word.size()));
  word.append(blob.substr(pos + 2, eol - pos - 2));
  return eol + 1;
}

}  // namespace

Lexicon::Lexicon(std::string_view blob, const std::uint32_t* blocks, std::size_t block_count,
                 std::size_t word_count)
    : blob_(blob), blocks_(blocks), block_count_(block_count), word_count_(word_count) {}

std::optional<LexiconEntry> Lexicon::Find(std::string_view folded_word) const {
  if (block_count_ == 0 || folded_word.empty()) return std::nullopt;
  // The head of every block is stored whole: binary search for the last head <= word.
  const auto head = [&](std::size_t b) {
    const std::size_t start = blocks_[b] + 2;
    return blob_.substr(start, blob_.find('\n', start) - start);
  };
  std::size_t lo = 0, hi = block_count_;
  while (hi - lo > 1) {
    const std::size_t mid = lo + (hi - lo) / 2;
    (head(mid) <= folded_word ? lo : hi) = mid;
  }
  const std::size_t end = lo + 1 < block_count_ ? blocks_[lo + 1] : blob_.size();
  std::string word;
  char flags = 'A';
  for (std::size_t pos = blocks_[lo]; pos < end;) {
    pos = ReadEntry(blob_, pos, word, flags);
    const int cmp = std::string_view(word).compare(folded_word);
    if (cmp == 0) return DecodeFlags(flags);
    if (cmp > 0) break;
  }
  return std::nullopt;
}

void EncodeLexicon(const std::vector<std::pair<std::string, LexiconEntry>>& words,
                   std::size_t block_size, std::string& blob, std::vector<std::uint32_t>& blocks) {
  blob.clear();
  blocks.clear();
  if (block_size == 0) throw std::invalid_argument("lexicon block size must be positive");
  std::string_view previous;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i].first;
    if (w.empty() || w.find('\n') != std::string::npos) {
      throw std::invalid_argument("lexicon word is empty or contains a newline");
    }
    if (i > 0 && !(previous < std::string_view(w))) {
      throw std::invalid_argument("lexicon words not sorted and unique at \"" + w + "\"");
    }
    std::size_t prefix = 0;
    if (i % block_size == 0) {
      blocks.push_back(static_cast<std::uint32_t>(blob.size()));
    } else {
      const std::size_t limit = std::min({previous.size(), w.size(), kMaxPrefix});
      while (prefix < limit && previous[prefix] == w[prefix]) ++prefix;
    }
    const LexiconEntry& e = words[i].second;
    blob.push_back(static_cast<char>('0' + prefix));
    blob.push_back(
        static_cast<char>('A' + (e.dictionary ? 1 : 0) + 2 * std::min<int>(e.corpus_count, 2)));
    blob.append(w, prefix, std::string::npos);
    blob.push_back('\n');
    previous = w;
  }
}

}  // namespace coop
