#include "coop/enrich.h"

namespace coop {

struct Enricher::Impl {};

Enricher::Enricher() : impl_(std::make_unique<Impl>()) {}
Enricher::~Enricher() = default;

void Enricher::Enrich(Record&) const {}

}  // namespace coop
