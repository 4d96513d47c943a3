//! Text without `format!`: the stage is small because it links no formatting machinery, and these
//! are all it needs (a counter, an address, an announcement).

/// Appends `n` in decimal.
pub fn push_number(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// Joins pieces of text and numbers: `concat(&[Piece::Text("#/"), Piece::Number(3)])` is `#/3`.
pub fn concat(pieces: &[Piece<'_>]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Number(n) => push_number(&mut out, *n),
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
pub enum Piece<'a> {
    Text(&'a str),
    Number(usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_text_join_as_format_would() {
        for n in [0, 7, 10, 99, 1234, usize::MAX] {
            assert_eq!(concat(&[Piece::Number(n)]), n.to_string());
        }
        assert_eq!(
            concat(&[Piece::Text("#/"), Piece::Number(12), Piece::Text("/"), Piece::Number(3)]),
            "#/12/3"
        );
    }
}
