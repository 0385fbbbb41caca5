//! All pairs of sets whose Jaccard similarity reaches a threshold, without
//! comparing every pair: prefix filtering (Bayardo, Ma and Srikant, "Scaling
//! up all pairs similarity search", WWW 2007).
//!
//! Elements are keys ([`Key`]: `u64` or `u32`), sorted ascending in each set, and the order of
//! keys is global: callers put rare elements first (their keys encode
//! frequency), which keeps the inverted lists short. If two sets reach
//! Jaccard `t`, they share at least `α = ceil(t·max(|x|,|y|))` elements, and
//! then the first `|x| − α + k` elements of each share `k` of them (the
//! first `k` shared elements come no later in either set). The classic
//! prefixes (`k = 1`) are indexed and probed. For long sets
//! ([`Prefixes::Longer`], an answer's 3-grams) the prefixes are one element
//! longer (`k = 2`, Wang, Li and Feng, "Can we beat the prefix filtering?",
//! SIGMOD 2012): a set that walks its extra element keeps only candidates
//! whose prefixes share two elements, where `α` is at least two, since one
//! shared 3-gram of ordinary prose makes far more candidates than two; it
//! walks that element only when that costs less than the verifications it
//! saves. Every candidate is then verified by an exact Jaccard computation.
//! The result is exactly the set of pairs an all-pairs comparison finds
//! (tested against [`brute_force`]).
//!
//! Identical sets are grouped first, so a thousand copies of one text cost
//! one entry, not half a million pairs.

use std::sync::atomic::{AtomicU32, Ordering};

use rayon::prelude::*;

use super::text::{FastMap, combine};

/// A set element: a key whose order is the global element order. Large
/// sets (answer 3-grams) use `u32` keys, half the memory of `u64`.
pub trait Key: Copy + Ord + Default + Send + Sync + Into<u64> {}

impl Key for u32 {}
impl Key for u64 {}

/// The similar pairs of a collection of sets.
#[derive(Debug, Default)]
pub struct Join {
    /// For each set, the first set identical to it (itself if none before
    /// it); `None` for sets too small to take part.
    pub rep: Vec<Option<u32>>,
    /// Pairs `(a, b, similarity)` of distinct representatives, `a < b`,
    /// sorted.
    pub pairs: Vec<(u32, u32, f32)>,
    /// Representatives whose comparisons were cut short by
    /// [`MAX_PARTNERS`], sorted: they may have more similar sets than
    /// `pairs` shows.
    pub cut: Vec<u32>,
}

/// The most earlier sets one set is compared with among those that share
/// one prefix element. A cluster of thousands of nearly equal sets would
/// otherwise cost time and memory quadratic in its size; with the cap each
/// set keeps at most this many partners per prefix element, which still
/// joins the whole cluster, and the sets that met the cap are listed in
/// [`Join::cut`].
pub const MAX_PARTNERS: usize = 64;

/// The most earlier sets one set is verified against among those that
/// share one prefix element, similar or not: a prefix element common to
/// thousands of sets of one size would otherwise make verification
/// quadratic. Sets that reach it are listed in [`Join::cut`] too.
pub const MAX_CANDIDATES: usize = 2_048;

#[cfg(test)]
impl Join {
    /// Every pair of sets (not just representatives) with its similarity,
    /// `a < b`, sorted. Quadratic in group sizes.
    pub fn expand(&self) -> Vec<(u32, u32, f32)> {
        let mut members: std::collections::HashMap<u32, Vec<u32>> = std::collections::HashMap::new();
        for (i, r) in self.rep.iter().enumerate() {
            if let Some(r) = r {
                members.entry(*r).or_default().push(i as u32);
            }
        }
        let mut out = Vec::new();
        for group in members.values() {
            for (k, &a) in group.iter().enumerate() {
                out.extend(group[k + 1..].iter().map(|&b| (a, b, 1.0)));
            }
        }
        for &(a, b, s) in &self.pairs {
            for &x in &members[&a] {
                for &y in &members[&b] {
                    out.push((x.min(y), x.max(y), s));
                }
            }
        }
        out.sort_by_key(|p| (p.0, p.1));
        out
    }
}

/// Whether `inter` shared elements out of sets of sizes `a` and `b` reach
/// Jaccard `t`. The one definition of "similar" shared by both joins.
pub fn reaches(inter: usize, a: usize, b: usize, t: f64) -> bool {
    let union = a + b - inter;
    union > 0 && inter as f64 >= t * union as f64 - 1e-9
}

/// Jaccard similarity of two sorted sets, and the size of their overlap.
pub fn jaccard<K: Key>(x: &[K], y: &[K]) -> (f64, usize) {
    let inter = overlap(x, y);
    let union = x.len() + y.len() - inter;
    (if union == 0 { 1.0 } else { inter as f64 / union as f64 }, inter)
}

fn overlap<K: Key>(x: &[K], y: &[K]) -> usize {
    overlap_reaching(x, y, 0).unwrap_or(0)
}

/// The overlap of two sorted sets if it reaches `need`; stops as soon as
/// the elements left cannot make up the difference.
fn overlap_reaching<K: Key>(x: &[K], y: &[K], need: usize) -> Option<usize> {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        if n + (x.len() - i).min(y.len() - j) < need {
            return None;
        }
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (n >= need).then_some(n)
}

fn min_overlap(len: usize, t: f64) -> usize {
    ((t * len as f64) - 1e-9).ceil().max(1.0) as usize
}

/// How many leading elements of a set of `len` elements probe the index:
/// with every partner no larger, a pair needs `ceil(t·len)` shared
/// elements, and the first `1 + extra` of them (or all, if fewer) are among
/// these.
fn prefix_len(len: usize, t: f64, extra: usize) -> usize {
    (len + 1 + extra).saturating_sub(min_overlap(len, t)).clamp(1, len)
}

/// Group identical sets; sets shorter than `min_len` take no part. Sets
/// are hashed in parallel; a set whose hash matches an earlier, different
/// set (a collision) simply stays its own representative, which the join
/// then pairs like any other.
fn representatives<K: Key, S: AsRef<[K]> + Sync>(sets: &[S], min_len: usize) -> Vec<Option<u32>> {
    let hashes: Vec<Option<u64>> = sets
        .par_iter()
        .map(|s| {
            let s = s.as_ref();
            (s.len() >= min_len.max(1)).then(|| s.iter().fold(s.len() as u64, |h, &k| combine(h, k.into())))
        })
        .collect();
    let mut first: FastMap<u64, u32> = FastMap::default();
    first.reserve(sets.len());
    hashes
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = (*h)?;
            let r = *first.entry(h).or_insert(i as u32);
            Some(if sets[r as usize].as_ref() == sets[i].as_ref() { r } else { i as u32 })
        })
        .collect()
}

/// How far the prefixes reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefixes {
    /// The classic prefixes, for short sets (a question's words): one more
    /// element is usually a common word, whose list costs more to walk than
    /// the candidates it removes.
    Classic,
    /// One element longer where a pair needs two shared elements, for long
    /// sets (an answer's 3-grams): one shared 3-gram of ordinary prose makes
    /// many candidates, two shared ones few.
    Longer,
}

impl Prefixes {
    fn extra(self) -> usize {
        usize::from(self == Prefixes::Longer)
    }
}

/// How many leading elements of a set of `len` elements are indexed: a set
/// is only ever paired with sets at least as large (processing is by
/// size), so the pair needs `ceil(2t/(1+t)·len)` shared elements, and the
/// first `1 + extra` of them (or all, if fewer) are among these.
fn index_len(len: usize, t: f64, extra: usize) -> usize {
    let need = ((2.0 * t / (1.0 + t) * len as f64) - 1e-9).ceil().max(1.0) as usize;
    (len + 1 + extra).saturating_sub(need).clamp(1, len)
}

/// The overlap sets of sizes `a` and `b` need to reach Jaccard `t`.
fn needed_overlap(a: usize, b: usize, t: f64) -> usize {
    ((t / (1.0 + t) * (a + b) as f64) - 1e-9).ceil().max(1.0) as usize
}

/// Marks a probe element that is not indexed, in the set position of a
/// [`join`] tuple.
const PROBE_ONLY: u32 = 1 << 31;

/// `(element, set position, position in set)`: one probe element of a set.
type Tuple<K> = (K, u32, u32);

/// All pairs of sets with Jaccard ≥ `t` (0 < t ≤ 1), by prefix filtering
/// with the positional filter of PPJoin (Xiao, Wang, Lin and Yu, "Efficient
/// similarity joins for near duplicate detection", WWW 2008).
///
/// Sets are processed by size. Every probe element of every set (its probe
/// prefix, [`prefix_len`]) becomes one `(element, set, position)` tuple,
/// and one sort brings the tuples of each element together, those of
/// indexed elements ([`index_len`]) first: they are the index, and the
/// tuples say for each probe element where its run of the index is. Each
/// set then walks, in parallel, the entries of its probe elements that
/// belong to smaller sets. A candidate met at positions `i` (probe) and `j`
/// (indexed) can share at most `seen + min(|x|−i−1, |y|−j−1)` elements, and
/// is dropped as soon as that falls short of what the pair needs; every
/// element the two share before the current one has been seen, because
/// elements are in one global order. Each surviving candidate is verified
/// once.
pub fn join<K: Key, S: AsRef<[K]> + Sync>(sets: &[S], t: f64, min_len: usize, prefixes: Prefixes) -> Join {
    let extra = prefixes.extra();
    let rep = representatives(sets, min_len);
    // Distinct sets in processing order: by size, then index.
    let mut order: Vec<u32> =
        rep.iter().enumerate().filter(|&(i, r)| *r == Some(i as u32)).map(|(i, _)| i as u32).collect();
    order.sort_by_key(|&i| (sets[i as usize].as_ref().len(), i));
    assert!(order.len() < PROBE_ONLY as usize, "set positions fit in 31 bits");
    let set_at = |pos: u32| sets[order[pos as usize] as usize].as_ref();
    // Sizes by position, side by side: the candidate walk reads a size for
    // every entry it meets and should not fetch each set to learn it.
    let lens: Vec<u32> = order.iter().map(|&i| sets[i as usize].as_ref().len() as u32).collect();
    // Where each set's probe elements start in the list of probe slots.
    let mut first_slot: Vec<usize> = Vec::with_capacity(order.len() + 1);
    let mut total = 0;
    for &len in &lens {
        first_slot.push(total);
        total += prefix_len(len as usize, t, extra);
    }
    first_slot.push(total);
    let (entries, runs) = index(sets, &order, &first_slot, t, extra);
    // Candidates of one set, by position of the smaller set: the elements
    // seen in common so far (0: not met yet) or DROPPED. One array per
    // worker, with the list of positions met, so that resetting it after a
    // set costs only what the set touched.
    const DROPPED: u32 = u32::MAX;
    let (mut pairs, mut cut): (Vec<(u32, u32, f32)>, Vec<u32>) = (0..order.len() as u32)
        .into_par_iter()
        .with_min_len(256)
        .map_init(
            || (vec![0u32; order.len()], Vec::<u32>::new()),
            |(seen, alive), px| {
                let x = set_at(px);
                let mut out = Vec::new();
                let mut was_cut = false;
                alive.clear();
                let shortest = min_overlap(x.len(), t);
                let classic = prefix_len(x.len(), t, 0);
                let mut shared = 1;
                for i in 0..prefix_len(x.len(), t, extra) {
                    // The entries of `x[i]` that belong to sets before `x`.
                    let to = runs[first_slot[px as usize] + i].load(Ordering::Relaxed) as usize;
                    let element = x[i];
                    let before = || entries[..to].iter().rev().take_while(move |e| e.0 == element);
                    if i == classic {
                        // The extra element, after which candidates need
                        // two shared elements: walked only when its
                        // entries cost less than verifying the candidates
                        // met once would (a verification reads both sets);
                        // counting them stops at that budget.
                        let once = alive.iter().filter(|&&py| seen[py as usize] == 1).count();
                        let budget = once * (x.len() / 2).max(1);
                        if before().nth(budget).is_some() {
                            break;
                        }
                        shared = 2;
                    }
                    for (walked, &(_, py, j)) in before().enumerate() {
                        let y_len = lens[py as usize] as usize;
                        if y_len < shortest {
                            break;
                        }
                        if walked == MAX_CANDIDATES {
                            was_cut = true;
                            break;
                        }
                        let count = &mut seen[py as usize];
                        if *count == DROPPED {
                            continue;
                        }
                        if *count == 0 {
                            alive.push(py);
                        }
                        *count += 1;
                        let rest = (x.len() - i - 1).min(y_len - j as usize - 1);
                        if (*count as usize) + rest < needed_overlap(x.len(), y_len, t) {
                            *count = DROPPED;
                        }
                    }
                }
                // Every candidate met is reset for the next set; the
                // dropped ones, and those whose prefixes share too few
                // elements, leave the list.
                alive.retain(|&py| {
                    let count = std::mem::take(&mut seen[py as usize]);
                    count != DROPPED && count >= shared
                });
                // Closest in size first, so that a capped set keeps its
                // nearest partners, in an order that does not depend on
                // the map.
                alive.sort_unstable_by(|a, b| b.cmp(a));
                let mut partners = 0;
                for &py in alive.iter() {
                    let y = set_at(py);
                    if let Some(inter) = overlap_reaching(x, y, needed_overlap(x.len(), y.len(), t))
                        && reaches(inter, x.len(), y.len(), t)
                    {
                        let (a, b) = (order[px as usize], order[py as usize]);
                        let sim = inter as f64 / (x.len() + y.len() - inter) as f64;
                        out.push((a.min(b), a.max(b), sim as f32));
                        partners += 1;
                        if partners == MAX_PARTNERS {
                            was_cut = true;
                            break;
                        }
                    }
                }
                (out, if was_cut { vec![order[px as usize]] } else { Vec::new() })
            },
        )
        .reduce(
            || (Vec::new(), Vec::new()),
            |(mut a, mut c), (b, d)| {
                a.extend(b);
                c.extend(d);
                (a, c)
            },
        );
    pairs.par_sort_unstable_by_key(|p| (p.0, p.1));
    pairs.dedup_by(|p, q| (p.0, p.1) == (q.0, q.1));
    cut.sort_unstable();
    cut.dedup();
    Join { rep, pairs, cut }
}

/// The index, and for each probe slot its run in the index. The index is
/// the `(element, set position, position in set)` entries of the indexed
/// elements, sorted; a probe slot's run is the entries with its element
/// that belong to sets before its own, kept as where it ends: it starts
/// where the entries before that end stop having its element (one number
/// per slot, not two, at 25 million slots for the answers of a million
/// questions). One sort of every probe element, indexed ones first within
/// an element, gives both.
#[allow(clippy::type_complexity)]
fn index<K: Key, S: AsRef<[K]> + Sync>(
    sets: &[S],
    order: &[u32],
    first_slot: &[usize],
    t: f64,
    extra: usize,
) -> (Vec<(K, u32, u32)>, Vec<AtomicU32>) {
    let mut tuples = sorted_tuples(sets, order, *first_slot.last().unwrap_or(&0), t, extra);
    // The sorted tuples in pieces that never split an element, read in
    // parallel: each piece's index entries, then the runs.
    let pieces = split_between_elements(&tuples, 4 * rayon::current_num_threads().max(1));
    let counts: Vec<usize> = pieces.par_iter().map(|p| p.iter().filter(|e| e.1 & PROBE_ONLY == 0).count()).collect();
    let bases: Vec<u32> = counts
        .iter()
        .scan(0u32, |n, &c| {
            let base = *n;
            *n += c as u32;
            Some(base)
        })
        .collect();
    // Each slot is written once, by the piece that holds its tuple; an
    // element of one set only has no run, and its slot keeps the empty one.
    let runs: Vec<AtomicU32> =
        std::iter::repeat_with(|| AtomicU32::new(0)).take(*first_slot.last().unwrap_or(&0)).collect();
    let set_run = |pos: u32, j: u32, to: u32| {
        runs[first_slot[pos as usize] + j as usize].store(to, Ordering::Relaxed);
    };
    pieces.par_iter().zip(&bases).for_each(|(piece, &base)| {
        let mut from = base;
        let mut g = 0;
        while g < piece.len() {
            let k = piece[g].0;
            let end = g + piece[g..].iter().take_while(|e| e.0 == k).count();
            let group = &piece[g..end];
            let (indexed, probe_only) = group.split_at(group.iter().take_while(|e| e.1 & PROBE_ONLY == 0).count());
            if group.len() > 1 && !indexed.is_empty() {
                // An indexed element's sets before it are the entries
                // before its own; a probe-only one's, those of smaller
                // positions.
                for (r, &(_, pos, j)) in indexed.iter().enumerate() {
                    set_run(pos, j, from + r as u32);
                }
                let mut r = 0;
                for &(_, pos, j) in probe_only {
                    let pos = pos & !PROBE_ONLY;
                    r += indexed[r..].iter().take_while(|e| e.1 < pos).count();
                    set_run(pos, j, from + r as u32);
                }
            }
            from += indexed.len() as u32;
            g = end;
        }
    });
    // The index is the indexed tuples, moved to the front in order: no
    // second array while the tuples are still held.
    tuples.retain(|e| e.1 & PROBE_ONLY == 0);
    tuples.shrink_to_fit();
    crate::memory::release();
    (tuples, runs)
}

/// The `(element, set position, position in set)` tuple of every probe
/// element of the sets in `order` (`total` of them), the position marked
/// [`PROBE_ONLY`] past the indexed prefix, sorted: by element, the indexed
/// tuples of an element first, each part in set order.
///
/// The tuples are written straight into buckets by the top bits of their
/// element, a first pass of a radix sort that costs no second array; each
/// bucket is then sorted on its own, in parallel. Generation runs over
/// chunks of the sets in parallel, each chunk writing into its own stretch
/// of every bucket.
fn sorted_tuples<K: Key, S: AsRef<[K]> + Sync>(
    sets: &[S],
    order: &[u32],
    total: usize,
    t: f64,
    extra: usize,
) -> Vec<Tuple<K>> {
    const BITS: u32 = 11;
    let shift = 8 * std::mem::size_of::<K>() as u32 - BITS;
    let bucket = |k: K| (k.into() >> shift) as usize;
    let prefix = |i: u32| {
        let s = sets[i as usize].as_ref();
        (&s[..prefix_len(s.len(), t, extra)], index_len(s.len(), t, extra))
    };
    let chunk = order.len().div_ceil(4 * rayon::current_num_threads().max(1)).max(1);
    let counts: Vec<Vec<usize>> = order
        .par_chunks(chunk)
        .map(|part| {
            let mut counts = vec![0usize; 1 << BITS];
            for &i in part {
                for &k in prefix(i).0 {
                    counts[bucket(k)] += 1;
                }
            }
            counts
        })
        .collect();
    let mut tuples = vec![(K::default(), 0u32, 0u32); total];
    // Each chunk's stretch of each bucket: buckets in order, chunks in
    // order within a bucket, so that a bucket holds its tuples in set order.
    let mut stretches: Vec<Vec<&mut [Tuple<K>]>> = counts.iter().map(|_| Vec::with_capacity(1 << BITS)).collect();
    let mut rest = tuples.as_mut_slice();
    for b in 0..1 << BITS {
        for (c, chunk_counts) in counts.iter().enumerate() {
            let (stretch, tail) = std::mem::take(&mut rest).split_at_mut(chunk_counts[b]);
            stretches[c].push(stretch);
            rest = tail;
        }
    }
    stretches.into_par_iter().zip(order.par_chunks(chunk)).enumerate().for_each(|(c, (mut mine, part))| {
        let mut next = vec![0usize; 1 << BITS];
        for (p, &i) in part.iter().enumerate() {
            let pos = (c * chunk + p) as u32;
            let (probe, indexed) = prefix(i);
            for (j, &k) in probe.iter().enumerate() {
                let b = bucket(k);
                mine[b][next[b]] = (k, pos | if j < indexed { 0 } else { PROBE_ONLY }, j as u32);
                next[b] += 1;
            }
        }
    });
    // Then each bucket by the whole tuple; a bucket that holds much of the
    // total (the elements' top bits are their frequency, so rare elements
    // crowd the first buckets) is sorted in parallel itself.
    let mut buckets: Vec<&mut [Tuple<K>]> = Vec::with_capacity(1 << BITS);
    let mut rest = tuples.as_mut_slice();
    for b in 0..1 << BITS {
        let (bucket, tail) = std::mem::take(&mut rest).split_at_mut(counts.iter().map(|c| c[b]).sum());
        buckets.push(bucket);
        rest = tail;
    }
    let large = (total / 16).max(1 << 16);
    buckets.into_par_iter().for_each(|b| if b.len() > large { b.par_sort_unstable() } else { b.sort_unstable() });
    tuples
}

/// `tuples`, sorted by element, in about `n` pieces, none of which splits
/// the tuples of one element.
fn split_between_elements<K: Key>(tuples: &[(K, u32, u32)], n: usize) -> Vec<&[(K, u32, u32)]> {
    let mut pieces = Vec::with_capacity(n);
    let mut rest = tuples;
    let size = tuples.len().div_ceil(n.max(1)).max(1);
    while !rest.is_empty() {
        let mut cut = size.min(rest.len());
        while cut < rest.len() && rest[cut].0 == rest[cut - 1].0 {
            cut += 1;
        }
        let (piece, tail) = rest.split_at(cut);
        pieces.push(piece);
        rest = tail;
    }
    pieces
}

/// The same result as [`join`] by comparing every pair: the reference the
/// fast path is tested against.
pub fn brute_force<K: Key, S: AsRef<[K]> + Sync>(sets: &[S], t: f64, min_len: usize) -> Join {
    let rep = representatives(sets, min_len);
    let reps: Vec<u32> = rep.iter().enumerate().filter(|&(i, r)| *r == Some(i as u32)).map(|(i, _)| i as u32).collect();
    let mut pairs = Vec::new();
    for (k, &a) in reps.iter().enumerate() {
        for &b in &reps[k + 1..] {
            let (x, y) = (sets[a as usize].as_ref(), sets[b as usize].as_ref());
            let inter = overlap(x, y);
            if reaches(inter, x.len(), y.len(), t) {
                pairs.push((a, b, (inter as f64 / (x.len() + y.len() - inter) as f64) as f32));
            }
        }
    }
    Join { rep, pairs, cut: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Rng;

    fn random_sets(rng: &mut Rng, n: usize) -> Vec<Vec<u64>> {
        random_sets_of(rng, n, 12, 60)
    }

    /// `n` sets of 1 to `longest` elements out of `values`, 40% of them
    /// variants of an earlier set.
    fn random_sets_of(rng: &mut Rng, n: usize, longest: usize, values: usize) -> Vec<Vec<u64>> {
        let mut sets: Vec<Vec<u64>> = Vec::new();
        for _ in 0..n {
            let mut s: Vec<u64> = if !sets.is_empty() && rng.chance(40) {
                // A variant of an earlier set: drop, add or swap a few elements.
                let mut s = rng.pick(&sets).clone();
                for _ in 0..rng.below(1 + longest / 4) {
                    if !s.is_empty() && rng.chance(50) {
                        let at = rng.below(s.len());
                        s.remove(at);
                    } else {
                        s.push(rng.below(values) as u64);
                    }
                }
                s
            } else {
                (0..1 + rng.below(longest)).map(|_| rng.below(values) as u64).collect()
            };
            s.sort_unstable();
            s.dedup();
            sets.push(s);
        }
        sets
    }

    #[test]
    fn prefix_filtering_finds_exactly_the_all_pairs_result() {
        let mut rng = Rng::new(7);
        for round in 0..40 {
            let sets = random_sets(&mut rng, 150);
            for t in [0.3, 0.5, 0.7, 0.8, 0.9, 1.0] {
                let min_len = round % 3;
                let slow = brute_force(&sets, t, min_len);
                for prefixes in [Prefixes::Classic, Prefixes::Longer] {
                    let fast = join(&sets, t, min_len, prefixes);
                    assert_eq!(fast.rep, slow.rep);
                    assert_eq!(fast.pairs, slow.pairs, "t={t} round={round} {prefixes:?}");
                    assert_eq!(fast.expand().len(), slow.expand().len());
                }
                // The same sets with 32-bit keys join the same way.
                let narrow: Vec<Vec<u32>> = sets.iter().map(|s| s.iter().map(|&k| k as u32).collect()).collect();
                let fast = join(&narrow, t, min_len, Prefixes::Longer);
                assert_eq!((fast.rep, fast.pairs), (slow.rep.clone(), slow.pairs.clone()), "u32 t={t} round={round}");
            }
        }
    }

    #[test]
    fn long_sets_join_exactly_as_all_pairs() {
        // Sets of up to 60 elements, where prefixes must share two elements.
        let mut rng = Rng::new(11);
        for round in 0..12 {
            let sets = random_sets_of(&mut rng, 200, 60, 400);
            for t in [0.3, 0.5, 0.6, 0.7, 0.8, 0.95] {
                let slow = brute_force(&sets, t, 1);
                for prefixes in [Prefixes::Classic, Prefixes::Longer] {
                    let fast = join(&sets, t, 1, prefixes);
                    assert_eq!(fast.pairs, slow.pairs, "t={t} round={round} {prefixes:?}");
                }
                assert!(round > 0 || t > 0.7 || !slow.pairs.is_empty(), "the sets have similar pairs to find");
            }
        }
    }

    #[test]
    fn a_cluster_of_near_copies_costs_linear_work_and_says_so() {
        // 5,000 sets that all share nine elements and differ in a tenth.
        let sets: Vec<Vec<u64>> = (0..5_000u64).map(|i| (0..9).chain([100 + i]).collect()).collect();
        let j = join(&sets, 0.6, 1, Prefixes::Longer);
        assert!(j.pairs.len() <= sets.len() * MAX_PARTNERS * 9, "{} pairs", j.pairs.len());
        assert!(!j.cut.is_empty());
        // Every set still has a partner: the cluster stays joined.
        let mut partnered = vec![false; sets.len()];
        for &(a, b, _) in &j.pairs {
            partnered[a as usize] = true;
            partnered[b as usize] = true;
        }
        assert!(partnered.iter().all(|&p| p));
    }

    #[test]
    fn identical_sets_share_a_representative() {
        let sets: Vec<Vec<u64>> = vec![vec![1, 2, 3], vec![4], vec![1, 2, 3], vec![1, 2, 3, 4]];
        let j = join(&sets, 0.7, 2, Prefixes::Classic);
        assert_eq!(j.rep, [Some(0), None, Some(0), Some(3)]);
        assert_eq!(j.pairs, [(0, 3, 0.75)]);
        assert_eq!(j.expand(), [(0, 2, 1.0), (0, 3, 0.75), (2, 3, 0.75)]);
    }

    /// The probe tuples of `sets` in `order`, sorted the plain way: made
    /// in set order, then a stable sort by element and marked position.
    fn tuples_by_comparison<K: Key>(sets: &[Vec<K>], order: &[u32], t: f64, extra: usize) -> Vec<(K, u32, u32)> {
        let mut tuples: Vec<(K, u32, u32)> = Vec::new();
        for (pos, &i) in order.iter().enumerate() {
            let s = &sets[i as usize];
            let indexed = index_len(s.len(), t, extra);
            for (j, &k) in s[..prefix_len(s.len(), t, extra)].iter().enumerate() {
                tuples.push((k, pos as u32 | if j < indexed { 0 } else { PROBE_ONLY }, j as u32));
            }
        }
        tuples.sort_by_key(|e| (e.0, e.1));
        tuples
    }

    #[test]
    fn bucketed_tuples_are_sorted_as_a_comparison_sort_sorts_them() {
        let mut rng = Rng::new(13);
        // Elements with equal low bits, equal high bits and the top bit
        // set, and many in the first bucket, as rare elements are.
        let elements = [0u32, 1, 2047, 2048, 1 << 21, (1 << 21) + 1, u32::MAX, u32::MAX - 2048, 0x8000_0000];
        for round in 0..6 {
            let sets: Vec<Vec<u32>> = (0..200 + 400 * round)
                .map(|_| {
                    let mut s: Vec<u32> = (0..1 + rng.below(30))
                        .map(|_| match rng.below(3) {
                            0 => *rng.pick(&elements),
                            1 => rng.below(5000) as u32,
                            _ => rng.next_u64() as u32,
                        })
                        .collect();
                    s.sort_unstable();
                    s.dedup();
                    s
                })
                .collect();
            let mut order: Vec<u32> = (0..sets.len() as u32).collect();
            order.sort_by_key(|&i| (sets[i as usize].len(), i));
            for (t, extra) in [(0.6, 1), (0.8, 0), (0.3, 1)] {
                let expected = tuples_by_comparison(&sets, &order, t, extra);
                assert_eq!(sorted_tuples(&sets, &order, expected.len(), t, extra), expected, "round {round} t={t}");
                // 64-bit elements, whose top bits are mostly zero.
                let wide: Vec<Vec<u64>> = sets.iter().map(|s| s.iter().map(|&k| u64::from(k)).collect()).collect();
                let expected = tuples_by_comparison(&wide, &order, t, extra);
                assert_eq!(sorted_tuples(&wide, &order, expected.len(), t, extra), expected, "u64 round {round}");
            }
        }
    }

    #[test]
    fn jaccard_of_sorted_sets() {
        assert_eq!(jaccard(&[1u64, 2, 3], &[2, 3, 4]), (0.5, 2));
        assert_eq!(jaccard::<u32>(&[], &[]).0, 1.0);
        assert!(reaches(4, 5, 5, 4.0 / 6.0));
        assert!(!reaches(3, 5, 5, 0.5));
    }
}
