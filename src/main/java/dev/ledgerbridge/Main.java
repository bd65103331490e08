package dev.ledgerbridge; public class Main { public static void main(String[] a){} }
