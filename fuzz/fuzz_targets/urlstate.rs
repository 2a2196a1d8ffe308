#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    youcheng_fuzz::urlstate(data);
});
