// The merged spelling table of a sharded generation (docs/SCALING.md): one database holding the
// spelling entries of all the shards, frequencies summed, so that suggestions are those of one
// index whether the shards are local or remote (a remote shard serves no spelling table).
#include <xapian.h>

#include <filesystem>
#include <map>
#include <string>

#include "coop/generations.h"

namespace coop {
namespace fs = std::filesystem;

void WriteMergedSpelling(const std::string& generation_dir, std::size_t shards) {
  // What the table must hold: each word's frequency over all shards. The indexer adds a word
  // once per occurrence to the shard of its record, so the sum is one index's frequency.
  std::map<std::string, Xapian::termcount> want;
  for (std::size_t s = 0; s < shards; ++s) {
    const Xapian::Database shard((fs::path(generation_dir) / ShardName(s)).string());
    for (auto it = shard.spellings_begin(); it != shard.spellings_end(); ++it) {
      want[*it] += it.get_termfreq();
    }
  }
  // Brought to it in one commit: a reader sees the old table or the new one, never a mix.
  Xapian::WritableDatabase db((fs::path(generation_dir) / kSpellingName).string(),
                              Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
  std::map<std::string, Xapian::termcount> have;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    have.emplace(*it, it.get_termfreq());
  }
  for (const auto& [word, freq] : have) {
    const auto w = want.find(word);
    const Xapian::termcount keep = w == want.end() ? 0 : w->second;
    if (freq > keep) db.remove_spelling(word, freq - keep);
  }
  for (const auto& [word, freq] : want) {
    const auto h = have.find(word);
    const Xapian::termcount had = h == have.end() ? 0 : h->second;
    if (freq > had) db.add_spelling(word, freq - had);
  }
  db.commit();
}

}  // namespace coop
