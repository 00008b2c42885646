// Writes searchd/web/map_outline.json, the outlines of the map of issue 18: Morocco and the
// partner countries (France, Belgium, Spain, Germany) with their neighbours for context, from
// Natural Earth 1:50m (public domain) as packed by world-atlas, projected once with d3-geo's
// Mercator fitted to a fixed extent. searchd projects places with the same scale and
// translate (x = k·λ + tx, y = ty − k·ln(tan(π/4 + φ/2)), λ and φ in radians), so circles
// fall on these outlines. Usage: npm ci && node gen_map.mjs [out.json]
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";
import { geoMercator, geoPath } from "d3-geo";

const here = fileURLToPath(new URL(".", import.meta.url));
const out = process.argv[2] ?? `${here}../../../../searchd/web/map_outline.json`;
const atlasPath = `${here}node_modules/world-atlas/countries-50m.json`;
const atlas = JSON.parse(readFileSync(atlasPath, "utf8"));
const atlasVersion = JSON.parse(
  readFileSync(`${here}node_modules/world-atlas/package.json`, "utf8")).version;

// ISO 3166-1 numeric ids (world-atlas feature ids), French names as the page shows them.
// "partner": the countries of the corpus' partnerships; "context": drawn lighter.
const COUNTRIES = [
  ["504", "Maroc", "partner"], ["732", "Sahara occidental", "context"],
  ["250", "France", "partner"], ["056", "Belgique", "partner"],
  ["724", "Espagne", "partner"], ["276", "Allemagne", "partner"],
  ["620", "Portugal", "context"], ["012", "Algérie", "context"],
  ["788", "Tunisie", "context"], ["478", "Mauritanie", "context"],
  ["466", "Mali", "context"], ["380", "Italie", "context"], ["756", "Suisse", "context"],
  ["442", "Luxembourg", "context"], ["528", "Pays-Bas", "context"],
  ["040", "Autriche", "context"], ["203", "Tchéquie", "context"],
  ["616", "Pologne", "context"], ["208", "Danemark", "context"],
  ["826", "Royaume-Uni", "context"], ["372", "Irlande", "context"],
  ["020", "Andorre", "context"], ["438", "Liechtenstein", "context"],
  ["492", "Monaco", "context"],
];

// The extent of the map: from the south of the Moroccan regions (Lagouira, 20.8°N, 17°W) to
// the north and east of Germany (55°N, 15°E).
const WIDTH = 540;
const MARGIN = 8;
const frame = {
  type: "MultiPoint",
  coordinates: [[-17.5, 20.5], [15.5, 55.2]],
};
const projection = geoMercator().fitWidth(WIDTH - 2 * MARGIN, frame);
const [tx, ty] = projection.translate();
projection.translate([tx + MARGIN, ty + MARGIN]);
const height = Math.ceil(geoPath(projection).bounds(frame)[1][1] + MARGIN);
projection.clipExtent([[0, 0], [WIDTH, height]]);
const path = geoPath(projection).digits(1);

const byId = new Map(atlas.objects.countries.geometries.map((g) => [g.id, g]));
const countries = COUNTRIES.map(([id, name, role]) => {
  const geometry = byId.get(id);
  if (!geometry) throw new Error(`world-atlas has no country ${id} (${name})`);
  const d = path(feature(atlas, geometry));
  if (!d) throw new Error(`country ${id} (${name}) falls outside the extent`);
  return { id, name, role, d };
});

// A place projected by d3 itself, so that the tests check searchd's formula against d3's
// (Rabat, the coordinates of the gazetteer).
const check = { name: "Rabat", latitude: 34.01325, longitude: -6.83255 };
[check.x, check.y] = projection([check.longitude, check.latitude]);

const result = {
  source: `Natural Earth 1:50m admin 0 countries, via the npm package world-atlas ${atlasVersion} ` +
    "(countries-50m.json); projected by corpus/data/gen/map/gen_map.mjs (d3-geo geoMercator)",
  licence: "Natural Earth: public domain; world-atlas: ISC",
  width: WIDTH,
  height,
  scale: projection.scale(),
  translate: projection.translate(),
  check,
  countries,
};
writeFileSync(out, JSON.stringify(result) + "\n");
const bytes = Buffer.byteLength(JSON.stringify(result));
console.log(`${out}: ${countries.length} countries, ${WIDTH}x${height}, ${bytes} bytes, ` +
  `scale ${projection.scale()}, translate ${projection.translate()}`);
