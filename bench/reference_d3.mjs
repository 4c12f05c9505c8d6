// Machine calibration for the layout budget: d3-hierarchy's tree() on the bench's tree.
// Issue 3 quotes about 50 ms for 100k nodes in Node on the machine its budget was set on.
//   python bench/reference_tidy.py --size 100000 --export /tmp/tree.json
//   npm install --no-save d3-hierarchy@3 && node bench/reference_d3.mjs /tmp/tree.json
import {stratify, tree} from "d3-hierarchy";
import fs from "fs";

const rows = JSON.parse(fs.readFileSync(process.argv[2] || "tree.json"));
const times = [];
for (let i = 0; i < 7; i++) {
  const root = stratify().id(d => d[0]).parentId(d => d[1])(rows);
  const t0 = performance.now();
  tree().nodeSize([1, 1])(root);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(`d3-hierarchy tree(), ${rows.length} nodes: median ${times[3].toFixed(1)} ms of 7 runs`);
