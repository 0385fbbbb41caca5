//! All pairs of sets whose Jaccard similarity reaches a threshold, without
//! comparing every pair: prefix filtering (Bayardo, Ma and Srikant, "Scaling
//! up all pairs similarity search", WWW 2007).
//!
//! Elements are keys ([`Key`]: `u64` or `u32`), sorted ascending in each set, and the order of
//! keys is global: callers put rare elements first (their keys encode
//! frequency), which keeps the inverted lists short. If two sets reach
//! Jaccard `t`, they share at least `ceil(t·max(|x|,|y|))` elements, so the
//! first `|x| − ceil(t·|x|) + 1` elements of each share one. Only those
//! prefixes are indexed and probed; every candidate is then verified by an
//! exact Jaccard computation. The result is exactly the set of pairs an
//! all-pairs comparison finds (tested against [`brute_force`]).
//!
//! Identical sets are grouped first, so a thousand copies of one text cost
//! one entry, not half a million pairs.

use rayon::prelude::*;

use super::text::{FastMap, combine};

/// A set element: a key whose order is the global element order. Large
/// sets (answer 3-grams) use `u32` keys, half the memory of `u64`.
pub trait Key: Copy + Ord + Send + Sync + Into<u64> {}

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

fn prefix_len(len: usize, t: f64) -> usize {
    (len + 1).saturating_sub(min_overlap(len, t)).clamp(1, len)
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

/// How many leading elements of a set of `len` elements are indexed: a set
/// is only ever paired with sets at least as large (processing is by
/// size), so the pair needs `ceil(2t/(1+t)·len)` shared elements, and the
/// first of them is among these.
fn index_len(len: usize, t: f64) -> usize {
    let need = ((2.0 * t / (1.0 + t) * len as f64) - 1e-9).ceil().max(1.0) as usize;
    (len + 1).saturating_sub(need).clamp(1, len)
}

/// The overlap sets of sizes `a` and `b` need to reach Jaccard `t`.
fn needed_overlap(a: usize, b: usize, t: f64) -> usize {
    ((t / (1.0 + t) * (a + b) as f64) - 1e-9).ceil().max(1.0) as usize
}

/// All pairs of sets with Jaccard ≥ `t` (0 < t ≤ 1), by prefix filtering
/// with the positional filter of PPJoin (Xiao, Wang, Lin and Yu, "Efficient
/// similarity joins for near duplicate detection", WWW 2008).
///
/// Sets are processed by size. The leading elements of each set (its index
/// prefix, [`index_len`]) go into one sorted list of `(element, set,
/// position)` entries; each set then probes, in parallel and
/// [`PROBE_CHUNK`] sets at a time, the entries of its own probe prefix that
/// belong to smaller sets. A candidate met at positions `i` (probe) and `j`
/// (indexed) can share at most `seen + min(|x|−i−1, |y|−j−1)` elements, and
/// is dropped as soon as that falls short of what the pair needs; every
/// element the two share before the current one has been seen, because
/// elements are in one global order. Each surviving candidate is verified
/// once.
pub fn join<K: Key, S: AsRef<[K]> + Sync>(sets: &[S], t: f64, min_len: usize) -> Join {
    join_in_chunks(sets, t, min_len, PROBE_CHUNK)
}

/// [`join`], with `per_chunk` sets probing at once.
fn join_in_chunks<K: Key, S: AsRef<[K]> + Sync>(sets: &[S], t: f64, min_len: usize, per_chunk: usize) -> Join {
    let rep = representatives(sets, min_len);
    // Distinct sets in processing order: by size, then index.
    let mut order: Vec<u32> =
        rep.iter().enumerate().filter(|&(i, r)| *r == Some(i as u32)).map(|(i, _)| i as u32).collect();
    order.sort_by_key(|&i| (sets[i as usize].as_ref().len(), i));
    let mut entries: Vec<(K, u32, u32)> = order
        .par_iter()
        .enumerate()
        .flat_map_iter(|(pos, &i)| {
            let s = sets[i as usize].as_ref();
            s[..index_len(s.len(), t)].iter().enumerate().map(move |(j, &k)| (k, pos as u32, j as u32))
        })
        .collect();
    entries.par_sort_unstable();
    let set_at = |pos: u32| sets[order[pos as usize] as usize].as_ref();
    // Sizes by position, side by side: the candidate walk reads a size for
    // every entry it meets and should not fetch each set to learn it.
    let lens: Vec<u32> = order.iter().map(|&i| sets[i as usize].as_ref().len() as u32).collect();
    // Sets probe in chunks, so that the probe list and its runs never hold
    // more than a chunk's prefixes at once.
    let (mut pairs, mut cut): (Vec<(u32, u32, f32)>, Vec<u32>) = (Vec::new(), Vec::new());
    let mut start = 0;
    while start < order.len() {
        let chunk = start..(start + per_chunk).min(order.len());
        start = chunk.end;
        let (first_slot, runs) = probe_runs(&order[chunk.clone()], sets, t, &entries);
        // Candidates of one set, by position of the smaller set: the elements
        // seen in common so far (0: not met yet) or DROPPED. One array per
        // worker, with the list of positions met, so that resetting it after a
        // set costs only what the set touched.
        const DROPPED: u32 = u32::MAX;
        let (chunk_pairs, chunk_cut): (Vec<(u32, u32, f32)>, Vec<u32>) = (chunk.start as u32..chunk.end as u32)
            .into_par_iter()
            .map_init(
                || (vec![0u32; order.len()], Vec::<u32>::new()),
                |(seen, alive), px| {
                    let x = set_at(px);
                    let mut out = Vec::new();
                    let mut was_cut = false;
                    alive.clear();
                    let shortest = min_overlap(x.len(), t);
                    for i in 0..prefix_len(x.len(), t) {
                        // The entries of `x[i]` that belong to sets before `x`.
                        let (from, to) = runs[first_slot[px as usize - chunk.start] + i];
                        let run = &entries[from as usize..to as usize];
                        let before = &run[..run.partition_point(|e| e.1 < px)];
                        for (walked, &(_, py, j)) in before.iter().rev().enumerate() {
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
                    // dropped ones leave the list.
                    alive.retain(|&py| std::mem::take(&mut seen[py as usize]) != DROPPED);
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
        pairs.extend(chunk_pairs);
        cut.extend(chunk_cut);
    }
    pairs.par_sort_unstable_by_key(|p| (p.0, p.1));
    pairs.dedup_by(|p, q| (p.0, p.1) == (q.0, q.1));
    cut.sort_unstable();
    cut.dedup();
    Join { rep, pairs, cut }
}

/// How many sets probe the index at once.
const PROBE_CHUNK: usize = 16_384;

/// For the sets `order` (by index into `sets`): where each one's probe
/// elements start in a list of probe slots, and for each slot the run of
/// `entries` (sorted by element) with that element. One sorted merge of the
/// probe elements with the entries finds every run, without a search per
/// probe.
fn probe_runs<K: Key, S: AsRef<[K]> + Sync>(
    order: &[u32],
    sets: &[S],
    t: f64,
    entries: &[(K, u32, u32)],
) -> (Vec<usize>, Vec<(u32, u32)>) {
    let mut first_slot: Vec<usize> = Vec::with_capacity(order.len() + 1);
    let mut total = 0;
    for &i in order {
        first_slot.push(total);
        total += prefix_len(sets[i as usize].as_ref().len(), t);
    }
    first_slot.push(total);
    let mut probes: Vec<(K, u32)> = order
        .par_iter()
        .enumerate()
        .flat_map_iter(|(pos, &i)| {
            let s = sets[i as usize].as_ref();
            let base = first_slot[pos];
            s[..prefix_len(s.len(), t)].iter().enumerate().map(move |(n, &k)| (k, (base + n) as u32))
        })
        .collect();
    probes.par_sort_unstable();
    let mut runs: Vec<(u32, u32)> = vec![(0, 0); total];
    let mut e = 0;
    let mut p = 0;
    while p < probes.len() {
        let k = probes[p].0;
        // Skip ahead by galloping: a chunk's probes are sparse in the
        // entries, and the next one is usually near.
        let mut step = 1;
        while e + step < entries.len() && entries[e + step].0 < k {
            e += step;
            step *= 2;
        }
        let end = (e + step + 1).min(entries.len());
        e += entries[e..end].partition_point(|x| x.0 < k);
        let from = e;
        while e < entries.len() && entries[e].0 == k {
            e += 1;
        }
        while p < probes.len() && probes[p].0 == k {
            runs[probes[p].1 as usize] = (from as u32, e as u32);
            p += 1;
        }
    }
    (first_slot, runs)
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
        let mut sets: Vec<Vec<u64>> = Vec::new();
        for _ in 0..n {
            let mut s: Vec<u64> = if !sets.is_empty() && rng.chance(40) {
                // A variant of an earlier set: drop, add or swap a few elements.
                let mut s = rng.pick(&sets).clone();
                for _ in 0..rng.below(3) {
                    if !s.is_empty() && rng.chance(50) {
                        let at = rng.below(s.len());
                        s.remove(at);
                    } else {
                        s.push(rng.below(60) as u64);
                    }
                }
                s
            } else {
                (0..1 + rng.below(12)).map(|_| rng.below(60) as u64).collect()
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
                // One chunk of probing sets, and many (the last one short).
                for chunk in [PROBE_CHUNK, 7] {
                    let fast = join_in_chunks(&sets, t, min_len, chunk);
                    assert_eq!(fast.rep, slow.rep);
                    assert_eq!(fast.pairs, slow.pairs, "t={t} round={round} chunk={chunk}");
                    assert_eq!(fast.expand().len(), slow.expand().len());
                }
                // The same sets with 32-bit keys join the same way.
                let narrow: Vec<Vec<u32>> = sets.iter().map(|s| s.iter().map(|&k| k as u32).collect()).collect();
                let fast = join_in_chunks(&narrow, t, min_len, 7);
                assert_eq!((fast.rep, fast.pairs), (slow.rep.clone(), slow.pairs.clone()), "u32 t={t} round={round}");
            }
        }
    }

    #[test]
    fn a_cluster_of_near_copies_costs_linear_work_and_says_so() {
        // 5,000 sets that all share nine elements and differ in a tenth.
        let sets: Vec<Vec<u64>> = (0..5_000u64).map(|i| (0..9).chain([100 + i]).collect()).collect();
        let j = join(&sets, 0.6, 1);
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
        let j = join(&sets, 0.7, 2);
        assert_eq!(j.rep, [Some(0), None, Some(0), Some(3)]);
        assert_eq!(j.pairs, [(0, 3, 0.75)]);
        assert_eq!(j.expand(), [(0, 2, 1.0), (0, 3, 0.75), (2, 3, 0.75)]);
    }

    #[test]
    fn jaccard_of_sorted_sets() {
        assert_eq!(jaccard(&[1u64, 2, 3], &[2, 3, 4]), (0.5, 2));
        assert_eq!(jaccard::<u32>(&[], &[]).0, 1.0);
        assert!(reaches(4, 5, 5, 4.0 / 6.0));
        assert!(!reaches(3, 5, 5, 0.5));
    }
}
