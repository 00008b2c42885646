// The build-time lexicon generator analyses the corpus with repair off, before any lexicon exists:
// it links this empty DefaultLexicon() instead of the generated one.
#include "coop/lexicon.h"

namespace coop {

const Lexicon& DefaultLexicon() {
  static const Lexicon empty;
  return empty;
}

}  // namespace coop
