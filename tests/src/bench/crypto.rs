//! Raw cryptography rates on one core, and the client path per message.

use std::time::{Duration, Instant};

use poc_keys::{PocKey, RoutingHeader};
use poc_proto::{EnvelopeId, MailboxId, Priority};

/// Operations per second on one core.
#[derive(Debug, Clone, Copy, Default)]
pub struct CryptoRates {
    /// `age::encrypt` of 1 KiB to one X25519 recipient.
    pub age_seal: f64,
    /// `age::decrypt` of that.
    pub age_open: f64,
    /// ed25519 signature over 1 KiB (`PocKey::sign`).
    pub sign: f64,
    /// ed25519 `verify_strict` of that (`poc_keys::signing::verify`).
    pub verify: f64,
    /// `poc_keys::seal`: sign, pad to the 1 KiB bucket, encrypt (a 600-byte body).
    pub seal_sign: f64,
    /// `poc_keys::open`: decrypt, decode, verify the signature.
    pub open_verify: f64,
}

/// Runs `op` repeatedly for about `time`; returns operations per second.
fn rate(time: Duration, mut op: impl FnMut() -> anyhow::Result<()>) -> anyhow::Result<f64> {
    // Warm up (caches, lazy tables).
    for _ in 0..3 {
        op()?;
    }
    let started = Instant::now();
    let mut n = 0u64;
    while started.elapsed() < time {
        for _ in 0..16 {
            op()?;
        }
        n += 16;
    }
    Ok(n as f64 / started.elapsed().as_secs_f64())
}

/// Measures every rate, each for about `time`, on the calling thread.
pub fn measure(time: Duration) -> anyhow::Result<CryptoRates> {
    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public();
    let kib = vec![0x5au8; 1024];
    let ciphertext = age::encrypt(&recipient, &kib)?;
    let key = PocKey::generate();
    let signature = key.sign(b"poc/bench/v1", &[&kib]);
    let public = key.signing_public();
    let header = RoutingHeader {
        id: EnvelopeId([1; 16]),
        to: key.mailbox(),
        priority: Priority::High,
        expires_at: 4_000_000_000,
    };
    let body = vec![0x33u8; 600];
    let envelope = poc_keys::seal(&key, &key.public().encryption, header, &body)?;
    let _: MailboxId = envelope.to;
    Ok(CryptoRates {
        age_seal: rate(time, || {
            std::hint::black_box(age::encrypt(&recipient, &kib)?);
            Ok(())
        })?,
        age_open: rate(time, || {
            std::hint::black_box(age::decrypt(&identity, &ciphertext)?);
            Ok(())
        })?,
        sign: rate(time, || {
            std::hint::black_box(key.sign(b"poc/bench/v1", &[&kib]));
            Ok(())
        })?,
        verify: rate(time, || {
            poc_keys::signing::verify(&public, b"poc/bench/v1", &[&kib], &signature)?;
            Ok(())
        })?,
        seal_sign: rate(time, || {
            std::hint::black_box(poc_keys::seal(
                &key,
                &key.public().encryption,
                header,
                &body,
            )?);
            Ok(())
        })?,
        open_verify: rate(time, || {
            std::hint::black_box(poc_keys::open(&key, &envelope)?);
            Ok(())
        })?,
    })
}
