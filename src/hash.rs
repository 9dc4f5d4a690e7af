//! A fast, non-cryptographic hasher for the hot path's small keys (group values,
//! sampling units). The keys come from the user's own file, so resistance to crafted
//! collisions (the default hasher's point) buys nothing here.
//!
//! The mixing step is FxHash's (from rustc): rotate, xor a word, multiply.

use std::hash::{BuildHasherDefault, Hasher};

/// `HashMap<K, V, FastHash>`.
pub type FastHash = BuildHasherDefault<FxHasher>;

#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.add(u64::from_le_bytes(word.try_into().expect("eight bytes")));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn maps_work_with_it() {
        let mut map: HashMap<Box<[u8]>, u32, FastHash> = HashMap::default();
        for i in 0..1000u32 {
            map.insert(i.to_string().into_bytes().into(), i);
        }
        assert_eq!(map.get(&b"737"[..]), Some(&737));
        assert_eq!(map.len(), 1000);
    }
}
