/**
 * The demo's story photos. Source: drawn here as SVG and rasterised with sharp when the demo
 * loads (no downloaded or third-party image), then run through the real media pipeline like
 * any upload. Credited "Illustration: Masthead demo".
 */
export type DemoPhoto = { slug: string; id: string; svg: string; alt: string; caption: string };

const W = 1600;
const H = 1067;

/** Drawn on a 1600 × 1067 canvas, rasterised at 1200 × 800 (renditions up to 1024 wide). */
function frame(defs: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800" viewBox="0 0 ${W} ${H}"><defs>${defs}</defs>${body}</svg>`;
}

/** Shelves of books in warm lamp light. */
function library(): string {
  const colours = ["#7f1d1d", "#1e3a8a", "#065f46", "#92400e", "#4c1d95", "#9a3412", "#134e4a", "#713f12"];
  let books = "";
  for (let shelf = 0; shelf < 4; shelf++) {
    let x = 120;
    const base = 260 + shelf * 210;
    for (let i = 0; x < 1480; i++) {
      const w = 28 + ((i * 37 + shelf * 11) % 34);
      const h = 120 + ((i * 53 + shelf * 29) % 60);
      books += `<rect x="${x}" y="${base - h}" width="${w}" height="${h}" fill="${colours[(i + shelf * 3) % colours.length]}" rx="3"/>`;
      books += `<rect x="${x + 6}" y="${base - h + 18}" width="${w - 12}" height="6" fill="#fde68a" opacity="0.55"/>`;
      x += w + 4;
    }
    books += `<rect x="90" y="${base}" width="1420" height="22" fill="#5b3a1e"/>`;
  }
  return frame(
    `<radialGradient id="lamp" cx="0.7" cy="0.15" r="0.9"><stop offset="0" stop-color="#fef3c7"/><stop offset="1" stop-color="#78350f"/></radialGradient>`,
    `<rect width="${W}" height="${H}" fill="url(#lamp)"/>${books}<rect y="950" width="${W}" height="117" fill="#3f2a14"/><ellipse cx="1130" cy="1000" rx="260" ry="40" fill="#1c1917" opacity="0.35"/>`,
  );
}

/** A football pitch under floodlights, a ball in the goalmouth. */
function football(): string {
  let stripes = "";
  for (let i = 0; i < 10; i++) stripes += `<rect x="0" y="${420 + i * 65}" width="${W}" height="65" fill="${i % 2 ? "#15803d" : "#16a34a"}"/>`;
  return frame(
    `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#0f172a"/><stop offset="1" stop-color="#1e40af"/></linearGradient><radialGradient id="flood" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="#fffbeb"/><stop offset="1" stop-color="#fffbeb" stop-opacity="0"/></radialGradient>`,
    `<rect width="${W}" height="${H}" fill="url(#sky)"/>
     <circle cx="260" cy="120" r="140" fill="url(#flood)"/><circle cx="1340" cy="120" r="140" fill="url(#flood)"/>
     ${stripes}
     <path d="M 200 1067 L 560 470 L 1040 470 L 1400 1067" fill="none" stroke="#f8fafc" stroke-width="8"/>
     <rect x="640" y="330" width="320" height="140" fill="none" stroke="#f8fafc" stroke-width="12"/>
     <path d="M 640 330 L 680 370 L 920 370 L 960 330 M 680 370 L 680 470 M 920 370 L 920 470" fill="none" stroke="#cbd5e1" stroke-width="3"/>
     <circle cx="860" cy="640" r="44" fill="#f8fafc"/><path d="M 840 610 L 880 610 L 892 645 L 860 668 L 828 645 Z" fill="#0f172a"/>
     <ellipse cx="860" cy="690" rx="50" ry="10" fill="#052e16" opacity="0.5"/>`,
  );
}

/** A concert stage: spotlights, a curtain, music stands. */
function concert(): string {
  let stands = "";
  for (let i = 0; i < 9; i++) {
    const x = 260 + i * 135;
    stands += `<rect x="${x}" y="640" width="8" height="190" fill="#0c0a09"/><rect x="${x - 34}" y="610" width="76" height="44" fill="#1c1917" transform="rotate(-8 ${x} 630)"/>`;
    stands += `<circle cx="${x + 40}" cy="700" r="34" fill="#292524"/><rect x="${x + 12}" y="730" width="56" height="110" rx="20" fill="#292524"/>`;
  }
  return frame(
    `<linearGradient id="curtain" x1="0" x2="1"><stop offset="0" stop-color="#7f1d1d"/><stop offset="0.5" stop-color="#b91c1c"/><stop offset="1" stop-color="#7f1d1d"/></linearGradient><radialGradient id="spot" cx="0.5" cy="0" r="1"><stop offset="0" stop-color="#fef9c3" stop-opacity="0.9"/><stop offset="1" stop-color="#fef9c3" stop-opacity="0"/></radialGradient>`,
    `<rect width="${W}" height="${H}" fill="#0c0a09"/><rect x="80" y="0" width="1440" height="860" fill="url(#curtain)"/>
     <path d="M 500 0 L 260 860 L 900 860 Z" fill="url(#spot)"/><path d="M 1100 0 L 760 860 L 1400 860 Z" fill="url(#spot)"/>
     ${stands}<rect y="840" width="${W}" height="227" fill="#44403c"/><rect y="840" width="${W}" height="14" fill="#a8a29e"/>`,
  );
}

export const DEMO_PHOTOS: DemoPhoto[] = [
  {
    slug: "library-extends-hours-for-exam-season",
    id: "demophotolibrary",
    svg: library(),
    alt: "Illustration: library shelves full of books in warm evening light",
    caption: "The library stays open until 9 p.m. on weekdays until the end of December.",
  },
  {
    slug: "girls-football-reaches-island-final",
    id: "demophotofootball",
    svg: football(),
    alt: "Illustration: a football in front of the goal on a floodlit pitch",
    caption: "The final is played under the floodlights on Saturday.",
  },
  {
    slug: "winter-concert-fills-the-auditorium",
    id: "demophotoconcert",
    svg: concert(),
    alt: "Illustration: music stands and chairs on a stage under two spotlights",
    caption: "The auditorium stage before the winter concert.",
  },
];

export const DEMO_PHOTO_CREDIT = "Illustration: Masthead demo";
