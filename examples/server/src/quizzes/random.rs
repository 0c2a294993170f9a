//! Randomness for attempts, from the operating system's generator: which questions are drawn,
//! their order and their options' order, and the ids that are valid for one attempt only.

/// Letters and digits: attempt, question and option ids.
const ID_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Certificate codes are read aloud and typed: no 0/O or 1/I.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// A uniform random number in `0..n` (`n > 0`), without modulo bias.
pub fn below(n: usize) -> usize {
    assert!(n > 0, "below(0)");
    let n = n as u64;
    // Values at or above `zone` would make the small results slightly more likely.
    let zone = u64::MAX - u64::MAX % n;
    loop {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes).expect("the OS random number generator failed");
        let x = u64::from_le_bytes(bytes);
        if x < zone {
            return (x % n) as usize;
        }
    }
}

/// Fisher–Yates: every order equally likely.
pub fn shuffle<T>(items: &mut [T]) {
    for i in (1..items.len()).rev() {
        items.swap(i, below(i + 1));
    }
}

fn token(len: usize, alphabet: &[u8]) -> String {
    (0..len)
        .map(|_| char::from(alphabet[below(alphabet.len())]))
        .collect()
}

/// An attempt id: 22 letters and digits (about 130 bits), not guessable.
pub fn attempt_id() -> String {
    token(22, ID_ALPHABET)
}

/// A question or option id; the caller keeps them unique within the attempt.
pub fn item_id() -> String {
    token(10, ID_ALPHABET)
}

/// `ESL-7F3K-92QD`; the caller retries on the (unlikely) clash with an existing code.
pub fn certificate_code() -> String {
    format!(
        "ESL-{}-{}",
        token(4, CODE_ALPHABET),
        token(4, CODE_ALPHABET)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_stay_in_range_and_shuffles_keep_the_items() {
        for n in 1..20 {
            assert!(below(n) < n);
        }
        let mut items: Vec<u32> = (0..50).collect();
        shuffle(&mut items);
        let mut sorted = items.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        assert_ne!(items, sorted, "50 items kept their order: 1 chance in 50!");
    }

    #[test]
    fn ids_and_codes_have_their_shapes() {
        assert_eq!(attempt_id().len(), 22);
        assert_ne!(item_id(), item_id());
        let code = certificate_code();
        assert_eq!(code.len(), 13);
        assert!(code.starts_with("ESL-") && code.as_bytes()[8] == b'-');
        assert!(!code[4..].contains(['0', 'O', '1', 'I']));
    }
}
