//! Turning an uploaded file into the two copies Rembuk keeps: the file is
//! sniffed (its name and declared type are ignored), its size in pixels is
//! checked before anything is decoded, it is decoded, turned upright by its
//! camera orientation, and re-encoded as JPEG at two sizes. Re-encoding
//! writes no metadata at all: EXIF (GPS coordinates, camera, time), XMP,
//! IPTC and colour profiles of the upload are all left behind.
use crate::error::PhotoProblem;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngDecoder;
use image::codecs::webp::WebPDecoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};
use std::io::Cursor;

/// Largest upload per photo, as a phone takes it.
pub const MAX_BYTES: usize = 12 * 1024 * 1024;
/// Most pixels a photo may have (a 48-megapixel phone camera fits); more is
/// refused from the file's header, before any pixel is decoded.
pub const MAX_PIXELS: u64 = 50_000_000;
/// Longest side of the copy shown when a photo is opened.
pub const DISPLAY_SIDE: u32 = 1600;
/// Longest side of the thumbnail on pages.
pub const THUMB_SIDE: u32 = 320;
/// What each copy should weigh at most; a copy over it is encoded again at
/// a lower quality.
pub const DISPLAY_BUDGET: usize = 250 * 1024;
pub const THUMB_BUDGET: usize = 20 * 1024;

/// The copies kept of one photo.
#[derive(Debug, Clone)]
pub struct Processed {
    pub display: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub thumb: Vec<u8>,
    pub thumb_width: u32,
    pub thumb_height: u32,
}

/// A drawn picture for the demo data (a health post with its door shut,
/// by day), converted as an upload is.
pub fn demo_picture() -> Option<Processed> {
    let (w, h) = (480u32, 320u32);
    let img = RgbImage::from_fn(w, h, |x, y| {
        let roof = (70..110).contains(&y) && (130..350).contains(&x);
        let wall = (150..330).contains(&x) && (110..240).contains(&y);
        let door = (215..265).contains(&x) && (160..240).contains(&y);
        let window = ((165..200).contains(&x) || (280..315).contains(&x)) && (135..170).contains(&y);
        let c = if door {
            [96, 64, 40]
        } else if window {
            [120, 160, 190]
        } else if wall {
            [236, 230, 214]
        } else if roof {
            [168, 62, 44]
        } else if y < 240 {
            let t = (y * 60 / 240) as u8;
            [110 + t, 170 + t, 230]
        } else {
            [96, 150, 80]
        };
        image::Rgb(c)
    });
    process(&encode(&img, &[90])).ok()
}

/// Whether the file starts as a JPEG, PNG or WebP file does.
pub fn sniffed(bytes: &[u8]) -> bool {
    matches!(
        image::guess_format(bytes),
        Ok(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)
    )
}

/// Checks and converts one upload.
pub fn process(bytes: &[u8]) -> Result<Processed, PhotoProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(PhotoProblem::TooLarge {
            mb: (MAX_BYTES / (1024 * 1024)) as u32,
        });
    }
    let format = match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => f,
        _ => return Err(PhotoProblem::NotImage),
    };
    // The header alone says how big it claims to be.
    let (w, h) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|_| PhotoProblem::Broken)?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS || w == 0 || h == 0 {
        return Err(PhotoProblem::TooManyPixels {
            megapixels: (MAX_PIXELS / 1_000_000) as u32,
        });
    }
    // A JPEG decoder fills a cut-short file with grey rather than fail.
    if format == ImageFormat::Jpeg && !jpeg_complete(bytes) {
        return Err(PhotoProblem::Broken);
    }
    let animated = match format {
        ImageFormat::Png => PngDecoder::new(Cursor::new(bytes))
            .and_then(|d| d.is_apng())
            .map_err(|_| PhotoProblem::Broken)?,
        ImageFormat::WebP => WebPDecoder::new(Cursor::new(bytes))
            .map_err(|_| PhotoProblem::Broken)?
            .has_animation(),
        _ => false,
    };
    if animated {
        return Err(PhotoProblem::Animated);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(w);
    limits.max_image_height = Some(h);
    // Four bytes a pixel, twice over, is the most a decoder needs here.
    limits.max_alloc = Some(MAX_PIXELS * 8);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| PhotoProblem::Broken)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|_| PhotoProblem::Broken)?;
    img.apply_orientation(orientation);
    let rgb = flatten(img);
    let display = shrink(rgb, DISPLAY_SIDE);
    let thumb = shrink(display.clone(), THUMB_SIDE);
    let (width, height) = display.dimensions();
    let (thumb_width, thumb_height) = thumb.dimensions();
    Ok(Processed {
        display: encode(&display, &[82, 72, 62, 50]),
        width,
        height,
        thumb: encode(&thumb, &[72, 60, 48, 36]),
        thumb_width,
        thumb_height,
    })
}

/// Whether a JPEG's segments and scans run whole to its end-of-image
/// marker (what a phone appends after it, such as a motion photo's video,
/// is not read).
fn jpeg_complete(b: &[u8]) -> bool {
    let mut i = 2; // after SOI
    while i + 4 <= b.len() {
        if b[i] != 0xFF {
            return false;
        }
        let marker = b[i + 1];
        match marker {
            0xFF => i += 1,
            0xD9 => return true,
            0x01 | 0xD0..=0xD7 => i += 2,
            _ => {
                let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
                i += 2 + len;
                if marker == 0xDA {
                    // Entropy-coded data runs to the next marker that is
                    // neither a stuffed byte (FF 00) nor a restart.
                    while i + 1 < b.len() && !(b[i] == 0xFF && b[i + 1] != 0x00 && !(0xD0..=0xD7).contains(&b[i + 1])) {
                        i += 1;
                    }
                }
            }
        }
    }
    i + 2 <= b.len() && b[i] == 0xFF && b[i + 1] == 0xD9
}

/// Transparent parts are laid on white (JPEG has no transparency).
fn flatten(img: DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.into_rgb8();
    }
    let rgba = img.into_rgba8();
    let (w, h) = rgba.dimensions();
    RgbImage::from_fn(w, h, |x, y| {
        let p = rgba.get_pixel(x, y).0;
        let a = u16::from(p[3]);
        let mix = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
        image::Rgb([mix(p[0]), mix(p[1]), mix(p[2])])
    })
}

/// Scaled to fit `side` on its longer side (never enlarged).
fn shrink(img: RgbImage, side: u32) -> RgbImage {
    let (w, h) = img.dimensions();
    if w.max(h) <= side {
        return img;
    }
    let (nw, nh) = if w >= h {
        (
            side,
            ((u64::from(h) * u64::from(side) + u64::from(w) / 2) / u64::from(w)).max(1) as u32,
        )
    } else {
        (
            ((u64::from(w) * u64::from(side) + u64::from(h) / 2) / u64::from(h)).max(1) as u32,
            side,
        )
    };
    image::imageops::resize(&img, nw, nh, FilterType::Triangle)
}

/// JPEG at the first quality whose file fits the budget of its size (the
/// last one otherwise).
fn encode(img: &RgbImage, qualities: &[u8]) -> Vec<u8> {
    let budget = if img.width().max(img.height()) <= THUMB_SIDE {
        THUMB_BUDGET
    } else {
        DISPLAY_BUDGET
    };
    let mut out = Vec::new();
    for &q in qualities {
        out.clear();
        let mut enc = JpegEncoder::new_with_quality(&mut out, q);
        if enc.encode_image(img).is_err() {
            continue;
        }
        if out.len() <= budget {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 90]));
        encode(&img, &[90])
    }

    #[test]
    fn a_cut_short_jpeg_is_broken_and_a_whole_one_is_kept() {
        let whole = jpeg(120, 80);
        assert!(jpeg_complete(&whole));
        for cut in [whole.len() - 2, whole.len() / 2, 30, 3] {
            assert!(!jpeg_complete(&whole[..cut]), "cut at {cut}");
            assert!(
                matches!(process(&whole[..cut]), Err(PhotoProblem::Broken)),
                "cut at {cut}"
            );
        }
        // What follows the end (a motion photo's video) is not read.
        let mut motion = whole.clone();
        motion.extend(b"....ftypmp42 and a video");
        let p = process(&motion).unwrap();
        assert_eq!((p.width, p.height), (120, 80));
    }

    #[test]
    fn copies_fit_their_sides_and_budgets() {
        let big = RgbImage::from_fn(3000, 2000, |x, y| {
            image::Rgb([(x ^ y) as u8, (x * y) as u8, (x + y) as u8])
        });
        let p = process(&encode(&big, &[92])).unwrap();
        assert_eq!((p.width, p.height), (DISPLAY_SIDE, 1067));
        assert_eq!((p.thumb_width, p.thumb_height), (THUMB_SIDE, 213));
        assert!(p.display.len() <= DISPLAY_BUDGET * 2, "{}", p.display.len());
        assert!(p.thumb.len() <= THUMB_BUDGET * 2, "{}", p.thumb.len());
    }
}
