/**
 * What a reader can work out about the hidden cells of a published count table: for one hidden cell,
 * the smallest and largest value consistent with everything that is visible.
 *
 * The table is seen "extended": R rows of cells plus a row of column totals, C columns plus a column of
 * row totals, the grand total in the corner. Every line of the extended table is one equation (the cells
 * of a row add up to its total, and so on). Write each figure as y = x for a cell and the grand total and
 * y = −x for a row or column total; then every line of y sums to zero. The hidden figures are the edges of
 * a bipartite graph (row lines × column lines), and changing them while keeping every visible figure and
 * every equation is exactly a circulation in that graph. So how far one hidden figure can move up or down
 * is a maximum flow around the rest of the graph, within what the reader knows of each hidden figure
 * (its bounds). Network matrices are totally unimodular, so the bounds are integers and every integer in
 * between is possible: "max − min ≥ 1" means the figure cannot be told exactly.
 *
 * Pure and small: the tables of a lägesbild are tens of cells, and an augmenting-path search is enough.
 */

/** What the reader knows of one hidden figure: it lies in [min, max] (max may be Infinity). */
export interface Bounds {
  min: number;
  max: number;
}

/** One hidden figure of the extended table: its place, true value and what the reader knows of it. */
export interface HiddenFigure {
  /** 0..R, where R is the row of column totals. */
  row: number;
  /** 0..C, where C is the column of row totals. */
  column: number;
  value: number;
  bounds: Bounds;
}

interface Edge {
  from: number;
  to: number;
  /** Residual capacity; the reverse edge is `edges[index ^ 1]`. */
  capacity: number;
}

/**
 * The range of every hidden figure, in the order given. `rows`/`columns` are R and C (the number of
 * cell rows and columns, not counting the totals).
 */
export function feasibleRanges(rows: number, columns: number, hidden: readonly HiddenFigure[]): Bounds[] {
  return hidden.map((_, index) => rangeOf(rows, columns, hidden, index, Number.POSITIVE_INFINITY));
}

/** True when the figure at `index` can take at least one other value than its own. */
export function canMove(rows: number, columns: number, hidden: readonly HiddenFigure[], index: number): boolean {
  const range = rangeOf(rows, columns, hidden, index, 1);
  return range.max > range.min;
}

/** Sign of the figure in the y-space: totals on the margins count negatively, cells and the grand total positively. */
function signOf(rows: number, columns: number, figure: Pick<HiddenFigure, 'row' | 'column'>): 1 | -1 {
  const marginRow = figure.row === rows;
  const marginColumn = figure.column === columns;
  return marginRow !== marginColumn ? -1 : 1;
}

/**
 * The range of one hidden figure. `limit` caps the search: with 1 we learn only whether it can move at
 * all, which is all the suppression needs and much cheaper.
 */
function rangeOf(rows: number, columns: number, hidden: readonly HiddenFigure[], index: number, limit: number): Bounds {
  const target = hidden[index]!;
  const sign = signOf(rows, columns, target);
  const up = target.bounds.max - target.value;
  const down = target.value - target.bounds.min;
  // Raising y on the edge row→column must come back column→row through the other hidden figures.
  const yUp = Math.min(sign === 1 ? up : down, limit, maxFlow(rows, columns, hidden, index, 'column-to-row', limit));
  const yDown = Math.min(sign === 1 ? down : up, limit, maxFlow(rows, columns, hidden, index, 'row-to-column', limit));
  const xUp = sign === 1 ? yUp : yDown;
  const xDown = sign === 1 ? yDown : yUp;
  return { min: target.value - xDown, max: target.value + xUp };
}

/** Maximum flow between the two ends of the excluded edge, through the other hidden figures. */
function maxFlow(rows: number, columns: number, hidden: readonly HiddenFigure[], excluded: number, direction: 'column-to-row' | 'row-to-column', limit: number): number {
  const nodeOfRow = (row: number) => row;
  const nodeOfColumn = (column: number) => rows + 1 + column;
  const nodeCount = rows + columns + 2;
  const edges: Edge[] = [];
  const adjacency: number[][] = Array.from({ length: nodeCount }, () => []);
  const addEdge = (from: number, to: number, capacity: number) => {
    adjacency[from]!.push(edges.length);
    edges.push({ from, to, capacity });
  };
  hidden.forEach((figure, index) => {
    if (index === excluded) return;
    const sign = signOf(rows, columns, figure);
    const up = figure.bounds.max - figure.value;
    const down = figure.value - figure.bounds.min;
    const rowNode = nodeOfRow(figure.row);
    const columnNode = nodeOfColumn(figure.column);
    // Flow row→column raises y; column→row lowers it. Each direction is its own edge with its own reverse.
    addEdge(rowNode, columnNode, sign === 1 ? up : down);
    addEdge(columnNode, rowNode, 0);
    addEdge(columnNode, rowNode, sign === 1 ? down : up);
    addEdge(rowNode, columnNode, 0);
  });
  const target = hidden[excluded]!;
  const source = direction === 'column-to-row' ? nodeOfColumn(target.column) : nodeOfRow(target.row);
  const sink = direction === 'column-to-row' ? nodeOfRow(target.row) : nodeOfColumn(target.column);

  let flow = 0;
  while (flow < limit) {
    const cameBy = new Array<number>(nodeCount).fill(-1);
    const queue = [source];
    const seen = new Array<boolean>(nodeCount).fill(false);
    seen[source] = true;
    while (queue.length > 0 && !seen[sink]) {
      const node = queue.shift()!;
      for (const edgeIndex of adjacency[node]!) {
        const edge = edges[edgeIndex]!;
        if (edge.capacity > 0 && !seen[edge.to]) {
          seen[edge.to] = true;
          cameBy[edge.to] = edgeIndex;
          queue.push(edge.to);
        }
      }
    }
    if (!seen[sink]) break;
    let bottleneck = limit - flow;
    for (let node = sink; node !== source; node = edges[cameBy[node]!]!.from) bottleneck = Math.min(bottleneck, edges[cameBy[node]!]!.capacity);
    if (bottleneck === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
    for (let node = sink; node !== source; node = edges[cameBy[node]!]!.from) {
      const edgeIndex = cameBy[node]!;
      edges[edgeIndex]!.capacity -= bottleneck;
      edges[edgeIndex ^ 1]!.capacity += bottleneck;
    }
    flow += bottleneck;
  }
  return flow;
}
