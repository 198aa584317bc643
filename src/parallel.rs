//! Work spread over the cores: a slice cut into chunks, each handled on a
//! scoped thread of its own, the results back in order.

/// `f` applied to each chunk of `items` (`size` items a chunk), each chunk
/// on its own thread; the results in the order of the chunks. A panic in a
/// worker is a bug, raised again here.
pub fn map_chunks<T: Sync, R: Send>(
    items: &[T],
    size: usize,
    f: impl Fn(&[T]) -> R + Sync,
) -> Vec<R> {
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(size.max(1))
            .map(|chunk| scope.spawn(move || f(chunk)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// `f` applied to each of `items`, the items shared out evenly among the
/// cores; the results in the order of the items.
pub fn map_each<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let size = items.len().div_ceil(cores()).max(1);
    map_chunks(items, size, |chunk| {
        chunk.iter().map(&f).collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

/// The number of threads worth using: the cores available. Asked once:
/// on Linux `available_parallelism` reads cgroup files each time, and a
/// streamed search asks for every translation it reads.
pub fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_back_in_order() {
        let items: Vec<u32> = (0..1000).collect();
        let sums = super::map_chunks(&items, 100, |c| c.iter().sum::<u32>());
        assert_eq!(sums.len(), 10);
        assert_eq!(sums[0], (0..100u32).sum::<u32>());
        assert_eq!(sums[9], (900..1000u32).sum::<u32>());
        assert!(super::map_chunks(&[] as &[u32], 10, |c| c.len()).is_empty());
        assert_eq!(super::map_each(&items[..5], |x| x * 2), [0, 2, 4, 6, 8]);
    }
}
